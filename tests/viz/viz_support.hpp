#pragma once
// Helpers for the viz tests: one Renderer for the whole test program (a process
// should have one), a small organisation, and checks on rendered bytes.

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "model/org_graph.hpp"
#include "viz/render.hpp"

namespace orgsim::viz::test {

/// The test program's one Renderer (Graphviz wants one context per process).
inline Renderer& renderer() {
  static Renderer r;
  return r;
}

/// Adds a role; returns its id.
inline model::RoleId add_role(model::OrgGraph& g, std::string id, std::string name,
                              model::DepartmentId dep, double touchpoint = 0.0) {
  model::Role r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.department = dep;
  r.touchpoint = touchpoint;
  return g.add_role(std::move(r));
}

inline void depends(model::OrgGraph& g, model::RoleId role, model::RoleId on, double w) {
  g.add_dependency({role, on, w, {}});
}

/// Three departments, six roles, one feedback loop (payments <-> billing):
///   payments -> refunds* -> CX, payments -> checkout* -> CX, web -> checkout,
///   payments -> billing* -> payments, refunds -> voice* -> CX, payroll -> voice.
/// RoleIds: payments 0, billing 1, refunds 2, payroll 3, web 4, checkout 5, voice 6.
inline model::OrgGraph small_org(std::string digital_name = "Web and product") {
  model::OrgGraph g;
  g.name = "Small shop";
  g.cx_baseline = 85;
  auto fin = g.add_department({"finance", "Finance", {}});
  auto dig = g.add_department({"digital", std::move(digital_name), {}});
  auto front = g.add_department({"frontline", "Customer service floor", {}});
  auto payments = add_role(g, "payments", "Payment processing", fin);
  auto billing = add_role(g, "billing", "Billing", fin, 0.05);
  auto refunds = add_role(g, "refunds", "Refunds", fin, 0.09);
  auto payroll = add_role(g, "payroll", "Payroll", fin);
  auto web = add_role(g, "web", "Web and e-commerce team", dig);
  auto checkout = add_role(g, "checkout", "Website and online checkout", dig, 0.16);
  auto voice = add_role(g, "voice", "Voice agents", front, 0.24);
  depends(g, refunds, payments, 0.5);
  depends(g, checkout, payments, 0.35);
  depends(g, checkout, web, 0.45);
  depends(g, billing, payments, 0.1);
  depends(g, payments, billing, 0.1);
  depends(g, voice, refunds, 0.04);
  depends(g, voice, payroll, 0.08);
  return g;
}

/// Counts non-overlapping occurrences of `needle`.
inline std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

/// A small XML well-formedness check: tags balance, attribute values are
/// quoted, no raw '<' in text or values, every '&' starts an entity. Returns ""
/// if well formed, else what is wrong and where.
inline std::string xml_problem(std::string_view xml) {
  std::vector<std::string> open;
  auto entity_ok = [&](std::size_t amp) {
    std::size_t semi = xml.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12 || semi == amp + 1) return false;
    std::string_view body = xml.substr(amp + 1, semi - amp - 1);
    if (body[0] == '#') {
      if (body.size() < 2) return false;
      bool hex = body[1] == 'x';
      for (std::size_t i = hex ? 2 : 1; i < body.size(); ++i) {
        char c = body[i];
        if (!(std::isdigit(static_cast<unsigned char>(c)) ||
              (hex && std::isxdigit(static_cast<unsigned char>(c))))) {
          return false;
        }
      }
      return true;
    }
    for (char c : body) {
      if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  auto where = [&](std::size_t at) { return " at byte " + std::to_string(at); };
  for (std::size_t i = 0; i < xml.size();) {
    char c = xml[i];
    if (c == '&') {
      if (!entity_ok(i)) return "bad entity" + where(i);
      ++i;
      continue;
    }
    if (c == '>') return "stray '>'" + where(i);
    if (c != '<') {
      ++i;
      continue;
    }
    if (xml.substr(i, 4) == "<!--") {
      auto end = xml.find("-->", i + 4);
      if (end == std::string_view::npos) return "unclosed comment" + where(i);
      i = end + 3;
      continue;
    }
    if (xml.substr(i, 2) == "<?" || xml.substr(i, 2) == "<!") {
      auto end = xml.find('>', i);
      if (end == std::string_view::npos) return "unclosed declaration" + where(i);
      i = end + 1;
      continue;
    }
    bool closing = xml.substr(i, 2) == "</";
    std::size_t p = i + (closing ? 2 : 1);
    std::size_t name_end = p;
    while (name_end < xml.size() &&
           (std::isalnum(static_cast<unsigned char>(xml[name_end])) || xml[name_end] == ':' ||
            xml[name_end] == '-' || xml[name_end] == '_')) {
      ++name_end;
    }
    if (name_end == p) return "tag without a name" + where(i);
    std::string name(xml.substr(p, name_end - p));
    p = name_end;
    bool self_closing = false;
    for (;;) {  // attributes
      while (p < xml.size() && std::isspace(static_cast<unsigned char>(xml[p]))) ++p;
      if (p >= xml.size()) return "unclosed tag <" + name + ">" + where(i);
      if (xml[p] == '>') break;
      if (xml.substr(p, 2) == "/>") {
        self_closing = true;
        ++p;
        break;
      }
      if (closing) return "attributes in a closing tag" + where(p);
      std::size_t eq = xml.find('=', p);
      if (eq == std::string_view::npos || eq + 1 >= xml.size())
        return "attribute without value" + where(p);
      char quote = xml[eq + 1];
      if (quote != '"' && quote != '\'') return "unquoted attribute" + where(eq);
      std::size_t end = xml.find(quote, eq + 2);
      if (end == std::string_view::npos) return "unclosed attribute value" + where(eq);
      for (std::size_t k = eq + 2; k < end; ++k) {
        if (xml[k] == '<') return "'<' in an attribute value" + where(k);
        if (xml[k] == '&' && !entity_ok(k)) return "bad entity in an attribute" + where(k);
      }
      p = end + 1;
    }
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> does not close <" + (open.empty() ? "" : open.back()) + ">" +
               where(i);
      }
      open.pop_back();
    } else if (!self_closing) {
      open.push_back(name);
    }
    i = p + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  return "";
}

/// PNG width and height from the IHDR chunk; {0, 0} if `png` is not a PNG.
inline std::pair<std::uint32_t, std::uint32_t> png_size(std::string_view png) {
  if (png.size() < 24 || png.substr(0, 8) != "\x89PNG\r\n\x1a\n" || png.substr(12, 4) != "IHDR") {
    return {0, 0};
  }
  auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace orgsim::viz::test
