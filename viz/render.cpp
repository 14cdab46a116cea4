#include "viz/render.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <sstream>

#include "common/atomic_file.hpp"
#include "common/errors.hpp"
#include "common/printable.hpp"
#include "viz/captured_run.hpp"
#include "viz/dot_writer.hpp"
#include "viz/graphviz_draw.hpp"
#include "viz/graphviz_pages.hpp"

namespace orgsim::viz {

namespace {

// Graphviz is one set of globals: one lock for every call into it.
std::mutex graphviz_mutex;

// Graphviz's messages, through its one process-wide C hook (no user data), go to
// fd 2, which run_captured redirects while Graphviz runs: one path for messages
// from the hook and for the ones some Graphviz code fprintf()s to stderr itself.
int capture_message(char* text) {
  if (text != nullptr) {
    for (std::size_t n = std::strlen(text); n > 0;) {
      ssize_t k = ::write(STDERR_FILENO, text, n);
      if (k <= 0) break;
      text += k;
      n -= static_cast<std::size_t>(k);
    }
  }
  return 0;
}

struct ContextFreer {
  void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};

struct Messages {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// "Error: ...", "Warning: ..." and continuation lines (a syntax error's context);
// lines with neither prefix (libpath's "triangulation failed") count as warnings.
Messages split_messages(const std::string& text) {
  Messages m;
  std::vector<std::string>* last = nullptr;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.rfind("Error: ", 0) == 0) {
      m.errors.push_back(line.substr(7));
      last = &m.errors;
    } else if (line.rfind("Warning: ", 0) == 0) {
      m.warnings.push_back(line.substr(9));
      last = &m.warnings;
    } else if (last != nullptr &&
               (line[0] == ' ' || line[0] == '\t' || line.rfind("in ", 0) == 0)) {
      last->back() += " " + line;
    } else {
      m.warnings.push_back(line);
      last = &m.warnings;
    }
  }
  return m;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "; ") + l;
  return out;
}

}  // namespace

struct Renderer::Context {
  std::unique_ptr<GVC_t, ContextFreer> gvc;
  agusererrf previous_hook = nullptr;
};

Format format_from_path(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".svg") return Format::kSvg;
  if (ext == ".png") return Format::kPng;
  if (ext == ".pdf") return Format::kPdf;
  if (ext == ".dot" || ext == ".gv") return Format::kDot;
  throw InvalidArgument("cannot tell the picture format from '" + path.string() +
                        "': use .svg, .png, .pdf or .dot");
}

bool can_render_pdf_pages() { return pdf_pages_supported(); }

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kSvg:
      return "svg";
    case Format::kPng:
      return "png";
    case Format::kPdf:
      return "pdf";
    case Format::kDot:
      return "dot";
  }
  return "dot";
}

Renderer::Renderer() : context_(new Context) {
  std::lock_guard lock(graphviz_mutex);
  context_->previous_hook = agseterrf(capture_message);
  agseterr(AGWARN);  // warnings and errors go to the hook, none straight to stderr
  // Start Graphviz and draw one tiny picture in this process, so that plugins and
  // fonts are loaded once here and every forked render inherits them.
  RunLimits here{false, 60};
  CapturedRun warmup = run_captured(
      [&](std::string& out) {
        context_->gvc.reset(gvContext());
        if (!context_->gvc) return false;
        DotGraph tiny;
        tiny.name = "warm-up";
        tiny.nodes = {{"a", "", {{"label", "a"}}}};
        return draw_with_graphviz(context_->gvc.get(), tiny, "svg", out);
      },
      here, "starting Graphviz");
  if (!warmup.ok) {
    context_->gvc.reset();
    agseterrf(context_->previous_hook);
    throw Error("cannot start Graphviz: " +
                (warmup.messages.empty() ? "no reason given" : warmup.messages));
  }
}

Renderer::~Renderer() {
  std::lock_guard lock(graphviz_mutex);
  try {
    run_captured(
        [&](std::string&) {
          context_->gvc.reset();
          return true;
        },
        {false, 1}, "stopping Graphviz");
  } catch (...) {
    context_->gvc.reset();  // could not redirect stderr: free the context anyway
  }
  agseterrf(context_->previous_hook);
}

std::string Renderer::render(const DotGraph& graph, Format format, const RenderOptions& options) {
  const std::string fmt(format_name(format));
  return run_graphviz(
      [&](std::string& out) { return draw_with_graphviz(context_->gvc.get(), graph, fmt, out); },
      "the picture as " + fmt, options);
}

std::string Renderer::render_pdf_pages(const std::vector<DotGraph>& pages, Paper paper,
                                       const RenderOptions& options) {
  if (pages.empty()) throw InvalidArgument("render_pdf_pages: pages must not be empty");
  PageSize size;
  if (paper == Paper::kLetter) {
    size.width = 792;
    size.height = 612;
  }
  return run_graphviz(
      [&](std::string& out) {
        return draw_pages_with_graphviz(context_->gvc.get(), pages, size, out);
      },
      std::to_string(pages.size()) + " pages as pdf", options);
}

std::string Renderer::run_with_context(const std::function<bool(GVC_s*, std::string&)>& work,
                                       const std::string& what, const RenderOptions& options) {
  return run_graphviz([&](std::string& out) { return work(context_->gvc.get(), out); }, what,
                      options);
}

std::string Renderer::run_graphviz(const std::function<bool(std::string&)>& work,
                                   const std::string& what, const RenderOptions& options) {
  if (options.timeout_seconds < 1) {
    throw InvalidArgument("render: timeout_seconds must be at least 1, got " +
                          std::to_string(options.timeout_seconds));
  }
  warnings_.clear();
  std::lock_guard lock(graphviz_mutex);
  CapturedRun run =
      run_captured(work, {options.isolate, options.timeout_seconds}, "drawing " + what);
  Messages m = split_messages(run.messages);
  if (!run.ok && m.errors.empty()) m.errors.push_back("it failed without saying why");
  if (!m.errors.empty() || (options.warnings_are_errors && !m.warnings.empty())) {
    std::vector<std::string> all = m.errors;
    all.insert(all.end(), m.warnings.begin(), m.warnings.end());
    throw Error("cannot draw " + what + ": Graphviz: " + join(all));
  }
  warnings_ = std::move(m.warnings);
  return std::move(run.output);
}

void Renderer::render_to_file(const DotGraph& graph, const std::filesystem::path& path,
                              const RenderOptions& options) {
  Format format = format_from_path(path);
  // Fail before a long render if the file cannot be written anyway.
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw OutputError(printable_path(path) + ": error: cannot write output: folder '" +
                      printable_path(dir) + "' does not exist");
  }
  write_file_atomically(path, render(graph, format, options));
}

}  // namespace orgsim::viz
