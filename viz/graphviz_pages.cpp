#include "viz/graphviz_pages.hpp"

#ifdef ORGSIM_HAVE_CAIRO
#include <cairo-pdf.h>
#include <cairo.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <memory>

#include "viz/graphviz_draw.hpp"
#else
#include <cstdio>
#endif

namespace orgsim::viz {

#ifndef ORGSIM_HAVE_CAIRO

bool pdf_pages_supported() { return false; }

bool draw_pages_with_graphviz(GVC_s*, const std::vector<DotGraph>&, const PageSize&, std::string&) {
  std::fputs("Error: this orgsim was built without cairo (libcairo2-dev), which PDF pages need\n",
             stderr);
  return false;
}

#else

bool pdf_pages_supported() { return true; }

namespace {

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
struct SurfaceDestroyer {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDestroyer {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroyer>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDestroyer>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A graph attribute in inches as points ("pad" is in inches), or `fallback`.
double inches_attribute(Agraph_t* g, const char* name, double fallback) {
  const char* v = agget(g, const_cast<char*>(name));
  if (v == nullptr || *v == '\0') return fallback;
  try {
    return std::stod(v) * 72.0;
  } catch (...) {
    return fallback;
  }
}

// Lays out one page's graph and draws it into `page`.
//
// Why a subsurface: Graphviz's cairo renderer, given an outside context for the
// "pdf:cairo" device, still ends each graph with cairo_show_page and
// cairo_surface_finish on the context's target. Pointed at a subsurface (a view
// of the page), that finishes only the view: the PDF surface and its later pages
// live on.
bool draw_page(GVC_t* gvc, const DotGraph& graph, cairo_surface_t* pdf, const PageSize& size) {
  std::string text, engine;
  if (!graphviz_input(gvc, graph, text, engine)) return false;
  GraphPtr g(agmemread(text.c_str()));
  if (!g) return false;
  if (gvLayout(gvc, g.get(), engine.c_str()) != 0) return false;
  // Graphviz draws the bounding box plus `pad` on every side, at 72 dpi.
  const boxf bb = GD_bb(g.get());
  const double pad = inches_attribute(g.get(), "pad", 4.0);
  const double w = bb.UR.x - bb.LL.x + 2 * pad;
  const double h = bb.UR.y - bb.LL.y + 2 * pad;
  const double room_w = size.width - 2 * size.margin, room_h = size.height - 2 * size.margin;
  const double scale = std::min({room_w / w, room_h / h, 1.5});
  SurfacePtr view(cairo_surface_create_for_rectangle(pdf, 0, 0, size.width, size.height));
  ContextPtr cr(cairo_create(view.get()));
  cairo_translate(cr.get(), (size.width - w * scale) / 2, (size.height - h * scale) / 2);
  cairo_scale(cr.get(), scale, scale);
  int rc = gvRenderContext(gvc, g.get(), "pdf:cairo", cr.get());
  gvFreeLayout(gvc, g.get());
  return rc == 0 && cairo_status(cr.get()) == CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool draw_pages_with_graphviz(GVC_s* gvc, const std::vector<DotGraph>& pages, const PageSize& size,
                              std::string& out) {
  out.clear();
  SurfacePtr pdf(cairo_pdf_surface_create_for_stream(append, &out, size.width, size.height));
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) return false;
  for (const auto& page : pages) {
    if (!draw_page(gvc, page, pdf.get(), size)) return false;
    cairo_surface_show_page(pdf.get());
  }
  cairo_surface_finish(pdf.get());
  return cairo_surface_status(pdf.get()) == CAIRO_STATUS_SUCCESS;
}

#endif  // ORGSIM_HAVE_CAIRO

}  // namespace orgsim::viz
