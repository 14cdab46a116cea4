#include "viz/report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "common/errors.hpp"
#include "common/number_format.hpp"
#include "model/time_unit.hpp"
#include "viz/colour_scale.hpp"
#include "viz/html_escape.hpp"
#include "viz/labels.hpp"
#include "viz/web_assets.hpp"

namespace orgsim::viz {

namespace {

// The page's own style. Screen: a centred sheet; print: A4, sections kept whole, the
// impact picture on a page of its own.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2433; --muted: #5b6472; --line: #d9dee7; --soft: #eef0f4; --bad: #b3261e;
        --good: #1b7f3b; }
* { box-sizing: border-box; }
html { background: #eceef2; }
body { margin: 0; color: var(--ink);
       font: 15px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 960px; margin: 24px auto; padding: 36px 40px 28px; background: #fff;
       box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
p { margin: 6px 0; }
.lead { color: var(--muted); max-width: 46em; }
.meta { font-size: 13px; color: var(--muted); }
ul.plain { margin: 4px 0; padding-left: 18px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-top: 18px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .label { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
.card .value { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .sub { font-size: 12px; color: var(--muted); }
.card.bad .value { color: var(--bad); }
.card.good .value { color: var(--good); }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px;
     border-bottom: 1px solid var(--line); padding: 4px 6px; }
td { padding: 5px 6px; border-bottom: 1px solid var(--soft); vertical-align: top; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.rank { color: var(--muted); width: 2.5em; }
.bar { display: inline-block; height: 10px; border: 1px solid #9aa3b5; border-radius: 2px;
       vertical-align: -1px; margin-right: 6px; }
.arrow { color: var(--muted); padding: 0 3px; }
.cx { font-weight: 600; }
.chart { margin: 8px 0 4px; }
.chart .u-legend { font-size: 13px; }
.note { font-size: 12px; color: var(--muted); }
.legend { font-size: 13px; color: var(--muted); margin: 0 0 4px 56px; }
.swatch { display: inline-block; width: 22px; height: 0; margin: 0 6px 4px 0; vertical-align: middle; }
.swatch.cx, .swatch.s0 { border-top: 2px solid #b3261e; }
.swatch.s1 { border-top: 2px solid #1f5fa8; }
.swatch.s2 { border-top: 2px solid #2e7d32; }
.swatch.s3 { border-top: 2px solid #8a4fbf; }
.swatch.s4 { border-top: 2px solid #c77700; }
.swatch.s5 { border-top: 2px solid #00838f; }
.swatch.s6 { border-top: 2px solid #6d4c41; }
.swatch.s7 { border-top: 2px solid #ad1457; }
.swatch.baseline { border-top: 2px dashed #5b6472; margin-left: 18px; }
.diagram svg { display: block; width: 100%; height: auto; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 11px;
         color: var(--muted); }
@page { size: A4; margin: 14mm 13mm; }
@page picture { size: A4 landscape; margin: 12mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  section { break-inside: avoid; }
  h2 { break-after: avoid; }
  section.picture { page: picture; break-before: page; }
  section.picture .diagram svg { max-height: 165mm; }
  h1 { font-size: 22pt; }
  h2 { margin: 16px 0 8px; }
  .cards { gap: 8px; margin-top: 12px; }
  .card { padding: 6px 10px; }
  .card .value { font-size: 18pt; }
  td { padding: 3px 6px; }
  table { font-size: 10pt; }
}
)css";

// Colours of the curves of a handout comparing scenarios (CSS .swatch.sN, the chart's palette).
constexpr std::size_t kSeriesColours = 8;

// Draws the CX chart with uPlot from the JSON in #cx-data.
constexpr std::string_view kChartScript = R"js(
(function () {
  var data = JSON.parse(document.getElementById('cx-data').textContent);
  var box = document.getElementById('cx-chart');
  // A handout comparing scenarios draws every curve (data.series, the first is data.cx).
  var palette = ['#b3261e', '#1f5fa8', '#2e7d32', '#8a4fbf', '#c77700', '#00838f', '#6d4c41', '#ad1457'];
  var series = data.series || [{ name: 'CX', cx: data.cx }];
  var n = Math.max.apply(null, series.map(function (s) { return s.cx.length; }));
  var steps = [];
  for (var k = 0; k < n; ++k) steps.push(k);
  var baseline = steps.map(function () { return data.baseline; });
  var all = [].concat.apply([], series.map(function (s) { return s.cx; }));
  var lo = Math.min.apply(null, data.cx), hi = Math.max(data.baseline, Math.max.apply(null, all));
  // From 0, as the workshop page by default: a 5-point dip must not look like a collapse.
  var pad = Math.max(0.5, hi * 0.05);
  var fixed = function (v) { return v == null ? '' : v.toFixed(2); };
  var low = data.cx.indexOf(lo);
  // The minimum, marked and labelled on the canvas.
  var mark = function (u) {
    var r = uPlot.pxRatio, ctx = u.ctx;
    var x = u.valToPos(low, 'x', true), y = u.valToPos(lo, 'y', true);
    var left = low > data.cx.length / 2;
    ctx.save();
    ctx.fillStyle = '#b3261e';
    ctx.beginPath();
    ctx.arc(x, y, 4 * r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.font = 'bold ' + Math.round(12 * r) + 'px "DejaVu Sans", sans-serif';
    ctx.textAlign = left ? 'right' : 'left';
    var text = 'minimum ' + fixed(lo) + ' at ' + data.unit + ' ' + low;
    var tx = x + (left ? -10 : 10) * r, ty = y + 14 * r;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 4 * r;
    ctx.strokeText(text, tx, ty);
    ctx.fillText(text, tx, ty);
    ctx.restore();
  };
  new uPlot({
    width: 680, height: 250,
    legend: { show: false },
    hooks: { draw: [mark] },
    scales: { x: { time: false }, y: { range: [0, hi + pad] } },
    axes: [{ label: data.unit, stroke: '#5b6472', grid: { stroke: '#eef0f4' } },
           { label: 'CX score', stroke: '#5b6472', grid: { stroke: '#eef0f4' }, size: 56 }],
    series: [{ label: data.unit }].concat(series.map(function (s, i) {
      // No fill: from an axis at 0 it would paint the whole chart.
      return { label: s.name, stroke: palette[i % palette.length], width: i === 0 ? 2.5 : 2,
               points: { show: false }, value: function (u, v) { return fixed(v); } };
    })).concat([{ label: 'baseline', stroke: '#5b6472', width: 1.5, dash: [6, 4],
                  points: { show: false },
                  value: function (u, v) { return fixed(v); } }]),
    cursor: { drag: { x: false, y: false } }
  }, [steps].concat(series.map(function (s) {
    return steps.map(function (k) { return k < s.cx.length ? s.cx[k] : null; });
  })).concat([baseline]), box);
  document.getElementById('cx-fallback').remove();
})();
)js";

std::string signed_points(double v) { return (v > 0 ? "+" : "") + fixed(v, 2); }

std::string percent(double share, int decimals) { return fixed(100.0 * share, decimals) + "%"; }

// A number as JSON: the shortest text that reads back as the same double.
std::string json_number(double v) { return std::isfinite(v) ? format_shortest(v) : "null"; }

// A JSON string that cannot end the <script> element it is inlined in: quotes,
// backslashes, control characters and < > & written as \u escapes.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_numbers(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + json_number(values[i]);
  return out + "]";
}

// The chart data: numbers and escaped names (json_string), so nothing in it can end the
// <script> element it is inlined in.
std::string chart_json(const ReportInput& in) {
  // The unit passed model::time_unit_problem: letters and hyphens only.
  std::string out = "{\"baseline\":" + json_number(in.cx_baseline) + ",\"unit\":\"" + in.time_unit +
                    "\",\"cx\":" + json_numbers(in.cx);
  if (!in.compared.empty()) {
    out += ",\"series\":[";
    for (std::size_t i = 0; i < in.compared.size(); ++i) {
      out += std::string(i ? "," : "") + "{\"name\":" + json_string(in.compared[i].name) +
             ",\"cx\":" + json_numbers(in.compared[i].cx) + "}";
    }
    out += "]";
  }
  return out + "}";
}

void check_inlinable(std::string_view asset, std::string_view name, std::string_view end_tag) {
  std::string lower(asset);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find(end_tag) != std::string::npos) {
    throw Error("web asset " + std::string(name) + " contains " + std::string(end_tag) +
                " and cannot be inlined");
  }
}

void header(const ReportInput& in, std::string& h) {
  h += "<header>\n<div class=\"kicker\">" +
       (in.compared.size() > 1
            ? "orgsim handout: " + std::to_string(in.compared.size()) + " scenarios compared"
            : std::string("orgsim scenario report")) +
       "</div>\n";
  h += "<h1>" + escape_html(in.title) + "</h1>\n";
  if (!in.description.empty()) h += "<p class=\"lead\">" + escape_html(in.description) + "</p>\n";
  h += "<p class=\"meta\">Model <b>" + escape_html(in.model_name) +
       "</b>: " + std::to_string(in.roles) + " roles, " + std::to_string(in.departments) +
       " departments, " + std::to_string(in.dependencies) + " dependencies";
  if (!in.scenario_file.empty()) h += " &middot; " + escape_html(in.scenario_file);
  h += "</p>\n</header>\n";
}

void summary(const ReportInput& in, std::string& h) {
  const double drop = in.cx_min - in.cx_baseline;
  h += "<section class=\"summary\">\n<div class=\"cards\">\n";
  auto card = [&](std::string_view cls, std::string_view label, const std::string& value,
                  const std::string& sub) {
    h += "<div class=\"card " + std::string(cls) + "\"><div class=\"label\">" + std::string(label) +
         "</div><div class=\"value\">" + value + "</div><div class=\"sub\">" + sub +
         "</div></div>\n";
  };
  card("", "CX baseline", fixed(in.cx_baseline, 2), "nothing degraded");
  card(drop < -in.recovery_band ? "bad" : "", "CX minimum", fixed(in.cx_min, 2),
       signed_points(drop) + " points at " + model::step_text(in.time_unit, in.cx_min_step));
  card("", "CX at the end", fixed(in.cx_final, 2),
       signed_points(in.cx_final - in.cx_baseline) + " points at " +
           model::step_text(in.time_unit, static_cast<long long>(in.cx.size()) - 1));
  const std::string band = format_shortest(in.recovery_band) + " points";  // "0.5 points"
  if (!in.degraded) {
    card("good", "Recovery", "no drop", "CX stayed within " + band + " of baseline");
  } else if (in.recovery_step) {
    card("good", "Recovered", model::step_text(in.time_unit, *in.recovery_step),
         "back within " + band + " of baseline");
  } else {
    card("bad", "Recovery", "not yet", "CX not back within " + band + " by the end");
  }
  h += "</div>\n";
  h += "<h2>What happens</h2>\n<ul class=\"plain\">\n";
  if (in.failures.empty()) h += "<li>No failures: the organization as it runs normally.</li>\n";
  for (const auto& f : in.failures) h += "<li>" + escape_html(f) + "</li>\n";
  for (const auto& c : in.changes) h += "<li>What-if: " + escape_html(c) + "</li>\n";
  h += "</ul>\n</section>\n";
}

void chart(const ReportInput& in, std::string& h) {
  h += "<section class=\"chart-section\">\n<h2>Customer experience over time</h2>\n";
  h += "<div class=\"chart\" id=\"cx-chart\"></div>\n";
  if (in.compared.empty()) {
    h += "<p class=\"legend\"><span class=\"swatch cx\"></span>CX score";
  } else {
    h += "<p class=\"legend\">";
    for (std::size_t i = 0; i < in.compared.size(); ++i) {
      h += "<span class=\"swatch s" + std::to_string(i % kSeriesColours) + "\"></span>" +
           escape_html(in.compared[i].name) + " ";
    }
  }
  h += "<span class=\"swatch baseline\"></span>baseline (" + fixed(in.cx_baseline, 2) + ")</p>\n";
  // Shown until the chart script runs: without JavaScript, a table of sampled steps.
  h += "<div id=\"cx-fallback\"><p class=\"note\">The chart needs JavaScript. CX at sampled " +
       model::plural_unit(in.time_unit) + ":</p>\n<table><tr><th>" + in.time_unit +
       "</th><th class=\"num\">CX</th></tr>\n";
  const std::size_t n = in.cx.size();
  const std::size_t rows = std::min<std::size_t>(n, 11);
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t step = rows == 1 ? 0 : i * (n - 1) / (rows - 1);
    h += "<tr><td>" + std::to_string(step) + "</td><td class=\"num\">" + fixed(in.cx[step], 2) +
         "</td></tr>\n";
  }
  h += "</table></div>\n";
  h += "<p class=\"note\">CX = baseline &times; (1 &minus; &Sigma; w<sub>i</sub> q<sub>i</sub>) "
       "over the touchpoint roles i (w: touchpoint weight, q: inoperability). One step is one " +
       in.time_unit + ", the model's time unit; the axis starts at 0.</p>\n</section>\n";
}

// The what-ifs of a handout side by side, in the order given (the first is the report's).
void comparison(const ReportInput& in, std::string& h) {
  if (in.compared.size() < 2) return;
  h += "<section class=\"compared\">\n<h2>The what-ifs side by side</h2>\n<table>\n"
       "<tr><th>scenario</th><th class=\"num\">worst CX</th><th class=\"num\">at " +
       in.time_unit +
       "</th><th class=\"num\">final CX</th><th>recovered</th><th class=\"num\">linear "
       "drop</th><th>top path</th></tr>\n";
  for (std::size_t i = 0; i < in.compared.size(); ++i) {
    const ReportCompared& c = in.compared[i];
    std::string recovered = !c.degraded       ? "no drop"
                            : c.recovery_step ? model::step_text(in.time_unit, *c.recovery_step)
                                              : "not yet";
    h += "<tr><td><span class=\"swatch s" + std::to_string(i % kSeriesColours) + "\"></span>" +
         escape_html(c.name) + "</td><td class=\"num\">" + fixed(c.cx_min, 2) +
         "</td><td class=\"num\">" + std::to_string(c.cx_min_step) + "</td><td class=\"num\">" +
         fixed(c.cx_final, 2) + "</td><td>" + recovered + "</td><td class=\"num\">" +
         (c.linear_drop ? fixed(*c.linear_drop, 2) : std::string("&ndash;")) + "</td><td>" +
         escape_html(c.top_path) + "</td></tr>\n";
  }
  h += "</table>\n<p class=\"note\">Recovered: the first " + in.time_unit +
       " from which CX stays within " + format_shortest(in.recovery_band) +
       " points of the baseline. Linear drop: the CX points all impact paths carry in the "
       "linear static model. The rest of this report is about the first scenario.</p>\n"
       "</section>\n";
}

std::string path_html(const ReportPath& p) {
  std::string out;
  for (const auto& r : p.roles) out += escape_html(r) + "<span class=\"arrow\">&rarr;</span>";
  return out + "<span class=\"cx\">CX</span>";
}

void picture(const ReportInput& in, std::string& h) {
  if (in.impact_svg.empty()) return;
  h += "<section class=\"picture\">\n<h2>How the failure reaches the customer</h2>\n";
  h += "<div class=\"diagram\">\n" + inline_svg(in.impact_svg) + "\n</div>\n</section>\n";
}

void paths(const ReportInput& in, std::string& h) {
  if (in.paths.empty()) return;
  h += "<section class=\"paths\">\n<h2>Top impact paths</h2>\n<table>\n<tr><th>#</th><th>path"
       "</th><th class=\"num\">CX points</th><th class=\"num\">share</th></tr>\n";
  double listed = 0.0;
  int rank = 0;
  for (const auto& p : in.paths) {
    listed += p.share;
    h += "<tr><td class=\"rank\">" + std::to_string(++rank) + "</td><td>" + path_html(p) +
         "</td><td class=\"num\">" + fixed(p.cx_points, 2) + "</td><td class=\"num\">" +
         percent(p.share, 1) + "</td></tr>\n";
  }
  h += "</table>\n<p class=\"note\">Linear model: degrade &times; the weights along the path "
       "&times; the touchpoint weight &times; baseline. These paths carry " +
       percent(std::clamp(listed, 0.0, 1.0), 0) + " of the " + fixed(in.total_cx_points, 2) +
       " CX points of the linear drop; the rest takes longer paths and feedback loops.</p>\n"
       "</section>\n";
}

std::string bar(double value) {
  const double v = std::clamp(value, 0.0, 1.0);
  return "<span class=\"bar\" style=\"width:" + fixed(4.0 + 76.0 * v, 0) +
         "px;background:" + hex(value_colour(v)) + "\"></span>";
}

void roles(const ReportInput& in, std::string& h) {
  h += "<section class=\"roles\">\n<h2>Most degraded roles</h2>\n";
  if (in.most_degraded.empty()) {
    h += "<p>No role is degraded.</p>\n</section>\n";
    return;
  }
  h += "<table>\n<tr><th>#</th><th>role</th><th>department</th><th>peak inoperability</th>"
       "<th class=\"num\">at " +
       in.time_unit + "</th><th class=\"num\">at the end</th></tr>\n";
  int rank = 0;
  for (const auto& r : in.most_degraded) {
    h += "<tr><td class=\"rank\">" + std::to_string(++rank) + "</td><td>" + escape_html(r.name) +
         "</td><td>" + escape_html(r.department) +
         "</td><td class=\"num\" style=\"text-align:"
         "left\">" +
         bar(r.peak) + fixed(r.peak, 3) + "</td><td class=\"num\">" + std::to_string(r.peak_step) +
         "</td><td class=\"num\">" + fixed(r.final_q, 3) + "</td></tr>\n";
  }
  h += "</table>\n<p class=\"note\">Inoperability q: 0 = working normally, 1 = not working at "
       "all.</p>\n</section>\n";
}

void ranking(const ReportInput& in, std::string& h) {
  if (!in.ranking) return;
  h += "<section class=\"ranking\">\n<h2>Critical roles in this organization</h2>\n";
  h += "<p class=\"note\">CX points lost if each role alone were degraded " +
       percent(in.ranking_degrade, 0) +
       " (linear model), whatever this scenario's failures are.</p>\n";
  h += "<table>\n<tr><th>#</th><th>role</th><th>department</th><th class=\"num\">CX points"
       "</th></tr>\n";
  int rank = 0;
  for (const auto& r : *in.ranking) {
    h += "<tr><td class=\"rank\">" + std::to_string(++rank) + "</td><td>" + escape_html(r.name) +
         "</td><td>" + escape_html(r.department) + "</td><td class=\"num\">" +
         fixed(r.cx_points, 2) + "</td></tr>\n";
  }
  h += "</table>\n</section>\n";
}

}  // namespace

std::string inline_svg(std::string_view svg) {
  std::string out;
  std::size_t i = 0;
  while (i < svg.size()) {
    auto skip = [&](std::string_view open, std::string_view close) {
      if (svg.substr(i, open.size()) != open) return false;
      const std::size_t end = svg.find(close, i + open.size());
      i = end == std::string_view::npos ? svg.size() : end + close.size();
      return true;
    };
    if (skip("<?", "?>") || skip("<!--", "-->") || skip("<!DOCTYPE", ">")) continue;
    out += svg[i++];
  }
  // Drop the blank lines the removed parts leave at the start.
  const std::size_t start = out.find('<');
  return start == std::string::npos ? std::string() : out.substr(start);
}

std::string build_report(const ReportInput& in) {
  if (in.cx.empty()) throw InvalidArgument("report: the CX trajectory is empty");
  const std::string_view uplot_js = web_asset("uplot.iife.min.js");
  const std::string_view uplot_css = web_asset("uplot.min.css");
  const std::string_view uplot_licence = web_asset("uplot.LICENSE.txt");
  check_inlinable(uplot_js, "uplot.iife.min.js", "</script");
  check_inlinable(uplot_licence, "uplot.LICENSE.txt", "*/");
  check_inlinable(uplot_css, "uplot.min.css", "</style");

  std::string h;
  h.reserve(uplot_js.size() + in.impact_svg.size() + 32768);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + escape_html(in.title) + " &middot; orgsim report</title>\n";
  h += "<style>\n" + std::string(uplot_css) + "\n</style>\n";
  h += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  header(in, h);
  summary(in, h);
  chart(in, h);
  comparison(in, h);
  paths(in, h);
  picture(in, h);
  roles(in, h);
  ranking(in, h);
  h += "<footer>Made with " + escape_html(in.generator);
  if (!in.inputs_digest.empty()) h += " &middot; " + escape_html(in.inputs_digest);
  h += " &middot; chart drawn with uPlot (MIT licence, included in this file). This page is "
       "self-contained: it loads nothing from the network.</footer>\n</main>\n";
  h += "<script type=\"application/json\" id=\"cx-data\">" + chart_json(in) + "</script>\n";
  // uPlot draws at the device pixel ratio it reads when it loads; at least 2 keeps the
  // chart sharp on paper (devicePixelRatio is a replaceable attribute).
  h += "<script>\n/* uPlot, embedded by orgsim. Its licence:\n" + std::string(uplot_licence) +
       "\n*/\nif (window.devicePixelRatio < 2) window.devicePixelRatio = 2;\n" +
       std::string(uplot_js) + "\n</script>\n";
  h += "<script>" + std::string(kChartScript) + "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace orgsim::viz
