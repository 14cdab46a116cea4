#pragma once
// Pictures from a DotGraph with Graphviz's cgraph and gvc libraries (no external
// `dot` program). Graphviz headers stay in viz/render.cpp and viz/graphviz_draw.cpp.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "viz/dot_graph.hpp"

struct GVC_s;  // Graphviz's GVC_t (for Renderer::run_with_context)

namespace orgsim::viz {

enum class Format { kSvg, kPng, kPdf, kDot };

/// Whether Renderer::render_pdf_pages works in this build (orgsim built with cairo).
bool can_render_pdf_pages();

/// Paper for printed pages, used landscape.
enum class Paper {
  kA4,      ///< 297 x 210 mm
  kLetter,  ///< US letter, 11 x 8.5 in
};

/// The format named by a file's extension (.svg, .png, .pdf, .dot, any case).
/// Throws InvalidArgument: "cannot tell the picture format from 'x.gif': use
/// .svg, .png, .pdf or .dot".
Format format_from_path(const std::filesystem::path& path);

/// "svg", "png", "pdf" or "dot".
std::string_view format_name(Format format);

#ifdef ORGSIM_RENDER_IN_PROCESS
inline constexpr bool kIsolateByDefault = false;
#else
inline constexpr bool kIsolateByDefault = true;
#endif

struct RenderOptions {
  /// Treat Graphviz warnings (an unknown colour or shape, ...) as errors. In process
  /// (isolate off), Graphviz warns about a given unknown colour only once. Off by
  /// default: the only warning our diagrams meet is a too-large bitmap being
  /// scaled down, which still gives a good picture. See Renderer::warnings().
  bool warnings_are_errors = false;
  /// Lay out and render in a forked child (fork(), no exec: the same code and
  /// Graphviz context), so that a Graphviz crash or endless loop (2.42 has both,
  /// on some cluster graphs) becomes an orgsim::Error and its per-layout leaks
  /// end with the child. Only the calling thread exists in the child: fine for
  /// the CLI; a multi-threaded caller must not hold locks Graphviz needs.
  /// Off: in process (e.g. to run Graphviz under valgrind). Sanitizer builds
  /// (ORGSIM_SANITIZE) default to off: under ASan a forked child can deadlock in
  /// ASan's allocator when a thread glib started held its lock at fork time.
  bool isolate = kIsolateByDefault;
  /// With isolate: give up on a picture after this many seconds.
  int timeout_seconds = 120;
};

/// Lays out and renders DotGraphs with one Graphviz context (GVC_t).
///
/// Create ONE Renderer per process and keep it: Graphviz 2.42's text plugin keeps
/// pointers into a freed context, so creating a second context after the first is
/// gone reads freed memory. Graphviz is not thread-safe (even with one context per
/// thread): render calls are serialised by a process-wide lock, and while one
/// runs, the process's stderr is redirected (to capture what Graphviz prints), so
/// prefer a single thread. While a Renderer exists it owns Graphviz's error hook
/// (agseterrf): nothing Graphviz reports reaches stderr.
class Renderer {
 public:
  /// Starts Graphviz and draws one tiny picture, so plugins and fonts are loaded
  /// once. Throws orgsim::Error if Graphviz cannot start.
  Renderer();
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// The picture as bytes (SVG text, PNG/PDF binary). kDot is the DOT Graphviz
  /// draws: for Layout::kGrid with every position filled in and layout=nop2, so
  /// any Graphviz command draws the same picture (to_dot() gives the unplaced
  /// graph, stable across machines, for golden files).
  /// Throws orgsim::Error with Graphviz's message if it reports an error (or a
  /// warning, with warnings_are_errors), crashes or times out; InvalidArgument
  /// for a timeout below 1 s. Layout, graph and buffer are freed every call.
  /// Time: dominated by edge routing (Layout::kGrid) or the dot layout; about
  /// 0.1-0.5 s for a 30-role picture.
  std::string render(const DotGraph& graph, Format format, const RenderOptions& options = {});

  /// render() in the format of `path`'s extension, written atomically (a temporary
  /// file renamed into place). Throws InvalidArgument for an unknown extension,
  /// orgsim::Error from Graphviz, OutputError if the file cannot be written.
  void render_to_file(const DotGraph& graph, const std::filesystem::path& path,
                      const RenderOptions& options = {});

  /// Every graph on its own landscape page of one PDF (`paper`), scaled to fit:
  /// for a printed booklet. Errors, isolation and warnings as for render();
  /// the timeout covers all pages. InvalidArgument if `pages` is empty.
  /// Time: one layout per page, about 0.1-0.5 s each.
  std::string render_pdf_pages(const std::vector<DotGraph>& pages, Paper paper,
                               const RenderOptions& options = {});

  /// Runs `work` with this renderer's Graphviz context, under the same lock, message
  /// capture and isolation as render(), and returns what `work` wrote: for code of
  /// viz/ that reads a layout back as data (org_layout.cpp). Errors as for render().
  std::string run_with_context(const std::function<bool(GVC_s*, std::string&)>& work,
                               const std::string& what, const RenderOptions& options = {});

  /// Warnings Graphviz gave during the last render (empty if none), one per line.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  // Runs `work` under the lock with Graphviz's messages captured (isolated if
  // asked), turning errors into orgsim::Error("cannot draw <what>: ...").
  std::string run_graphviz(const std::function<bool(std::string&)>& work, const std::string& what,
                           const RenderOptions& options);

  struct Context;  // the GVC_t and the previous error hook, in render.cpp
  std::unique_ptr<Context> context_;
  std::vector<std::string> warnings_;
};

}  // namespace orgsim::viz
