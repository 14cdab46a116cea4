// `orgsim diagram`: onboarding pictures ("how my role reaches the customer") and
// the whole-org picture, for trainers.
#include <filesystem>

#include "app/diagrams.hpp"
#include "app/load_input.hpp"
#include "app/pictures.hpp"
#include "app/role_pages.hpp"
#include "cli/commands.hpp"
#include "cli/offline_assets.hpp"
#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "model/suggest.hpp"
#include "serve/api.hpp"
#include "viz/department_map.hpp"
#include "viz/org_diagram.hpp"

namespace orgsim::cli {

using namespace orgsim::app;  // the application layer this front end drives

namespace {

namespace fs = std::filesystem;

DiagramRequest request(const DiagramOptions& o) { return {o.degrade, o.paths}; }

void render_one(const viz::DotGraph& graph, const fs::path& file, std::ostream& out,
                std::ostream& err) {
  viz::Renderer& renderer = process_renderer();
  renderer.render_to_file(graph, file);
  for (const auto& w : renderer.warnings()) err << file.string() << ": warning: " << w << "\n";
  out << "Wrote " << printable_path(file) << "\n";
}

// Whether the booklet can be written, checked before the long render: a .pdf
// name in a folder that exists.
void check_booklet(const fs::path& booklet) {
  if (!viz::can_render_pdf_pages()) {
    throw Error(
        "--booklet: this orgsim was built without cairo (apt-get install libcairo2-dev, "
        "then build again)");
  }
  if (viz::format_from_path(booklet) != viz::Format::kPdf) {
    throw InvalidArgument("--booklet: '" + booklet.string() + "' must be a .pdf file");
  }
  fs::path dir = booklet.parent_path().empty() ? "." : booklet.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw OutputError("--booklet: cannot write '" + booklet.string() + "': folder '" +
                      dir.string() + "' does not exist");
  }
}

int render_all(const model::OrgGraph& g, const DiagramOptions& o, std::ostream& out,
               std::ostream& err) {
  if (o.booklet) check_booklet(*o.booklet);
  std::error_code ec;
  if (fs::exists(o.output, ec) && !fs::is_directory(o.output, ec)) {
    throw InvalidArgument("-o: '" + o.output.string() +
                          "' is a file; --all writes one file per role into a folder");
  }
  fs::create_directories(o.output, ec);
  if (ec) {
    throw OutputError("-o: cannot make the folder '" + o.output.string() + "': " + ec.message());
  }
  const std::string map_file = std::string(kDepartmentMapStem) + "." + o.format;
  render_one(department_map(g), o.output / map_file, out, err);
  const std::vector<std::string> files = diagram_file_names(g, o.format);
  for (std::uint32_t i = 0; i < g.role_count(); ++i) {
    render_one(role_diagram(g, model::RoleId(i), request(o)), o.output / files[i], out, err);
  }
  write_file_atomically(o.output / "index.html", diagram_index_html(g, files, map_file, o.degrade));
  out << "Wrote " << printable_path(o.output / "index.html") << " (" << g.role_count()
      << " diagrams)\n";
  if (o.booklet) {
    const std::vector<viz::DotGraph> pages = booklet_pages(g, request(o));
    viz::Renderer& renderer = process_renderer();
    write_file_atomically(*o.booklet, renderer.render_pdf_pages(pages, viz::Paper::kA4));
    for (const auto& w : renderer.warnings()) {
      err << o.booklet->string() << ": warning: " << w << "\n";
    }
    out << "Wrote " << printable_path(*o.booklet) << " (" << pages.size()
        << " pages, A4 landscape)\n";
  }
  return kExitOk;
}

// --all --interactive: the trainer's set as web pages (app/role_pages.hpp). The model
// and layout documents are serve::Api's own answers, as in `orgsim export`.
int write_interactive(LoadedInput in, const DiagramOptions& o, std::ostream& out,
                      std::ostream& err) {
  if (o.booklet) {
    throw InvalidArgument("--booklet: not with --interactive (run --all without it for the PDF)");
  }
  RolePagesInput pages;
  pages.engine_js = engine_javascript(o.engine);
  pages.degrade = o.degrade;
  const model::Scenario inputs = in.scenario;  // its files, checked against the outputs
  model::Scenario start = std::move(in.scenario);
  start.model = model::apply_changes(start.model, start.changes);
  start.changes.clear();
  start.failures.clear();
  start.initial.clear();
  const model::OrgGraph graph = start.model;
  const std::size_t roles = graph.role_count();
  if (roles > 1000) err << "role pages: laying out " << roles << " roles once (Graphviz)...\n";
  serve::ApiOptions api_options;
  api_options.model_file = fs::path(graph.file).filename();
  serve::Api api(std::move(start), process_renderer(), api_options);
  pages.model_json = api_document(api.model(), "the model document");
  pages.layout_json = api_document(api.layout(), "the layout");
  const std::vector<PageFile> files = role_pages(graph, pages);
  write_role_pages(o.output, files, inputs, "-o/--output", err);
  std::size_t shared = 0;
  for (const auto& f : files) {
    if (f.name.starts_with(kRolePageAssets)) shared += f.content.size();
  }
  out << "Wrote " << printable_path(o.output / "index.html") << " and " << roles << " role pages ("
      << (shared + 512) / 1024 << " KB shared in " << printable_path(o.output / kRolePageAssets)
      << "/); open index.html in any browser, no server needed\n";
  return kExitOk;
}

}  // namespace

int run_diagram(const DiagramOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.all) viz::format_from_path(o.output);  // an unknown extension fails before any work
  LoadedInput in = load_input(o.model, o.input, err);
  if (o.interactive) return write_interactive(std::move(in), o, out, err);
  const model::OrgGraph g = model::apply_changes(in.scenario.model, in.scenario.changes);

  if (o.all) return render_all(g, o, out, err);
  if (o.focus) {
    auto role = g.find_role(*o.focus);
    if (!role) {
      throw InvalidArgument("--focus: unknown role '" + *o.focus + "'" +
                            model::suggest_role(g, *o.focus));
    }
    render_one(role_diagram(g, *role, request(o)), o.output, out, err);
  } else if (o.focus_department) {
    auto dept = g.find_department(*o.focus_department);
    if (!dept) {
      throw InvalidArgument("--focus-department: unknown department '" + *o.focus_department + "'" +
                            model::suggest_department(g, *o.focus_department));
    }
    render_one(department_diagram(g, *dept, request(o)), o.output, out, err);
  } else if (o.roles) {
    render_one(viz::build_org_diagram(g), o.output, out, err);
  } else {
    render_one(viz::build_department_map(g), o.output, out, err);
  }
  return kExitOk;
}

}  // namespace orgsim::cli
