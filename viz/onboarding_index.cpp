#include "viz/onboarding_index.hpp"

#include <algorithm>
#include <cctype>

#include "common/errors.hpp"
#include "viz/html_escape.hpp"
#include "viz/labels.hpp"
#include "viz/onboarding_caption.hpp"

namespace orgsim::viz {

namespace {

// The picture of a card: an image, or for a PDF an embedded object (browsers
// cannot show a PDF in <img>).
std::string thumbnail(const std::string& file, const std::string& name) {
  std::string ext = file.substr(file.find_last_of('.') + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string src = escape_html(file);
  if (ext == "pdf") {
    return "<object data=\"" + src + "\" type=\"application/pdf\" class=\"thumb\"></object>";
  }
  return "<img src=\"" + src + "\" class=\"thumb\" loading=\"lazy\" alt=\"" +
         escape_html("Diagram of " + name) + "\">";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:2em;color:#1a1a1a}"
    "h1{margin-bottom:.2em}p.lead{max-width:60em;color:#333}"
    "#search{font-size:1.1em;padding:.4em .6em;width:22em;margin:.5em 0 1em}"
    "section h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.5em}"
    ".cards{display:flex;flex-wrap:wrap;gap:1em}"
    ".card{width:300px;border:1px solid #ccc;border-radius:6px;padding:.5em;background:#fafafa}"
    ".card a{color:inherit;text-decoration:none}"
    ".thumb{width:100%;height:170px;object-fit:contain;background:#fff;display:block}"
    ".name{font-weight:bold;margin-top:.4em}.tp{color:#555;font-size:.9em}"
    ".map img{max-width:100%;border:1px solid #ccc}"
    "[hidden]{display:none!important}";

// Filters the cards by name as you type; hides departments left empty.
constexpr const char* kScript =
    "const box=document.getElementById('search');"
    "box.addEventListener('input',()=>{const q=box.value.trim().toLowerCase();"
    "for(const s of document.querySelectorAll('section.dept')){let any=false;"
    "for(const c of s.querySelectorAll('.card')){"
    "const hit=!q||c.dataset.name.includes(q)||s.dataset.name.includes(q);"
    "c.hidden=!hit;any=any||hit;}s.hidden=!any;}});";

}  // namespace

std::string onboarding_index_html(const model::OrgGraph& g, const OnboardingIndexInput& input) {
  if (input.files.size() != g.role_count()) {
    throw InvalidArgument("onboarding index: files must have one entry per role (" +
                          std::to_string(g.role_count()) + "), got " +
                          std::to_string(input.files.size()));
  }
  const std::string model_name = g.name.empty() ? "the organization" : g.name;
  const std::string title = "How each role reaches the customer: " + model_name;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      escape_html(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" +
      escape_html(title) + "</h1>\n<p class=\"lead\">One picture per role: on the left what the " +
      "role depends on, on the right the paths by which its trouble reaches the customer, and " +
      "what customers would notice if it " + escape_html(failure_phrase(input.degrade)) +
      ". Click a picture to open it full size.</p>\n" +
      "<input id=\"search\" type=\"search\" placeholder=\"Find a role or department\" "
      "aria-label=\"Find a role or department\" autofocus>\n";
  if (!input.map_file.empty()) {
    html += "<section class=\"map\"><h2>The departments</h2><a href=\"" +
            escape_html(input.map_file) + "\"><img src=\"" + escape_html(input.map_file) +
            "\" alt=\"The departments and how they depend on each other\"></a></section>\n";
  }
  for (std::uint32_t d = 0; d < g.departments().size(); ++d) {
    const auto& dep = g.departments()[d];
    const std::string dep_name = dep.name.empty() ? dep.id : dep.name;
    std::string cards;
    for (std::uint32_t i = 0; i < g.role_count(); ++i) {
      const auto& r = g.roles()[i];
      if (r.department.value != d) continue;
      cards += "<div class=\"card\" data-name=\"" + escape_html(lower(r.name + " " + r.id)) +
               "\"><a href=\"" + escape_html(input.files[i]) + "\">" +
               thumbnail(input.files[i], r.name) + "<div class=\"name\">" + escape_html(r.name) +
               "</div></a>";
      if (r.touchpoint > 0) {
        cards +=
            "<div class=\"tp\">customers meet this role: " + percent(r.touchpoint) + " of CX</div>";
      }
      cards += "</div>\n";
    }
    if (cards.empty()) continue;
    html += "<section class=\"dept\" data-name=\"" + escape_html(lower(dep_name)) + "\"><h2>" +
            escape_html(dep_name) + "</h2>\n<div class=\"cards\">\n" + cards + "</div></section>\n";
  }
  return html + "<script>" + kScript + "</script>\n</body>\n</html>\n";
}

}  // namespace orgsim::viz
