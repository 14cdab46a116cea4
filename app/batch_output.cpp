#include "app/batch_output.hpp"

#include <nlohmann/json.hpp>

#include "common/number_format.hpp"
#include "model/csv_reader.hpp"
#include "model/csv_writer.hpp"

namespace orgsim::app {

namespace {

using model::csv_field;

// Milliseconds to the microsecond: enough for a runtime, and short.
double round_ms(double ms) {
  return static_cast<double>(static_cast<long long>(ms * 1000.0 + 0.5)) / 1000.0;
}

std::string ms_text(double ms) { return format_fixed(round_ms(ms), 3); }

std::string joined_path(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& id : roles) out += (out.empty() ? "" : ">") + id;
  return out;
}

std::string optional_text(const std::optional<std::uint64_t>& v) {
  return v ? std::to_string(*v) : "";
}

std::string stats_csv(const std::optional<BatchStats>& s) {
  if (!s) return ",,,";
  return format_exact(s->mean) + "," + format_exact(s->p5) + "," + format_exact(s->p50) + "," +
         format_exact(s->p95);
}

std::string csv_row(const BatchRow& r) {
  std::string out = csv_field(r.file) + "," + csv_field(r.name) + "," + (r.ok ? "ok" : "error") +
                    "," + csv_field(r.error) + ",";
  if (r.ok) {
    out += format_exact(r.cx_baseline) + "," + format_exact(r.cx_min) + "," +
           std::to_string(r.cx_min_step) + "," + format_exact(r.cx_final) + "," +
           (r.recovery_step ? std::to_string(*r.recovery_step) : "") + "," +
           csv_field(r.most_degraded_role) + "," + csv_field(joined_path(r.top_path)) + "," +
           (r.top_path.empty() ? "" : format_exact(r.top_path_share));
  } else {
    out += ",,,,,,,";
  }
  const bool sampled = r.ok && r.mc_cx_min;
  out += "," + stats_csv(sampled ? r.mc_cx_min : std::nullopt) + "," +
         stats_csv(sampled ? r.mc_cx_final : std::nullopt) + "," +
         (r.threshold ? format_exact(*r.threshold) : "") + "," +
         (sampled && r.threshold ? format_exact(r.share_below_threshold) : "");
  out += "," + csv_field(r.orgsim_version) + "," + r.model_sha256 + "," +
         csv_field(r.tables_sha256) + "," + r.scenario_sha256 + "," + optional_text(r.seed) + "," +
         optional_text(r.samples);
  return out + "," + ms_text(r.runtime_ms) + "\n";
}

std::string json_row(const BatchRow& r) {
  nlohmann::ordered_json j;
  j["schema_version"] = kBatchRowSchemaVersion;  // docs/schema/batch-row.schema.json
  j["file"] = r.file;
  j["name"] = r.name;
  j["status"] = r.ok ? "ok" : "error";
  j["error"] = r.ok ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.error);
  if (r.ok) {
    j["cx_baseline"] = r.cx_baseline;
    j["cx_min"] = r.cx_min;
    j["cx_min_step"] = r.cx_min_step;
    j["cx_final"] = r.cx_final;
    j["recovery_step"] =
        r.recovery_step ? nlohmann::ordered_json(*r.recovery_step) : nlohmann::ordered_json();
    j["most_degraded_role"] = r.most_degraded_role;
    j["top_path"] = r.top_path;
    j["top_path_share"] =
        r.top_path.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.top_path_share);
  } else {
    for (const char* key : {"cx_baseline", "cx_min", "cx_min_step", "cx_final", "recovery_step",
                            "most_degraded_role", "top_path", "top_path_share"}) {
      j[key] = nullptr;
    }
  }
  // Monte Carlo: flat keys, as in the CSV, so that pandas reads both alike.
  using J = nlohmann::ordered_json;
  const bool sampled = r.ok && r.mc_cx_min && r.mc_cx_final;
  const std::pair<const char*, const std::optional<BatchStats>*> figures[] = {
      {"cx_min", &r.mc_cx_min}, {"cx_final", &r.mc_cx_final}};
  for (const auto& [name, stats] : figures) {
    const std::string prefix(name);
    j[prefix + "_mean"] = sampled ? J((*stats)->mean) : J();
    j[prefix + "_p5"] = sampled ? J((*stats)->p5) : J();
    j[prefix + "_p50"] = sampled ? J((*stats)->p50) : J();
    j[prefix + "_p95"] = sampled ? J((*stats)->p95) : J();
  }
  j["threshold"] = r.threshold ? J(*r.threshold) : J();
  j["share_below_threshold"] = sampled && r.threshold ? J(r.share_below_threshold) : J();
  j["orgsim_version"] = r.orgsim_version;
  j["model_sha256"] = r.model_sha256;
  j["tables_sha256"] = r.tables_sha256;
  j["scenario_sha256"] = r.scenario_sha256;
  j["seed"] = r.seed ? J(*r.seed) : J();
  j["samples"] = r.samples ? J(*r.samples) : J();
  j["runtime_ms"] = round_ms(r.runtime_ms);
  // Invalid UTF-8 in a name becomes U+FFFD instead of an exception.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<StoredRow> read_csv_rows(std::string_view text) {
  std::vector<StoredRow> rows;
  model::CsvReader reader(text);
  std::vector<model::CsvField> fields;
  std::string scratch;
  auto field = [&](std::size_t i) { return std::string(reader.value(fields[i], scratch)); };
  while (true) {
    const auto status = reader.next(fields);
    if (status == model::CsvReader::Status::kEnd) break;
    if (status == model::CsvReader::Status::kError) continue;  // not a row; an open quote ends it
    const std::string_view record = reader.record_text();
    if (!record.ends_with('\n')) break;  // cut short by an interruption
    if (fields.size() != std::size(kBatchColumns) || field(0) == kBatchColumns[0]) continue;
    const std::string row_status = field(2);
    if (row_status != "ok" && row_status != "error") continue;
    // ..., threshold (n-8), ..., model_sha256 (n-6), tables_sha256 (n-5),
    // scenario_sha256 (n-4), seed (n-3), samples (n-2), runtime_ms (n-1)
    const std::size_t n = fields.size();
    rows.push_back({field(0), row_status == "ok", std::string(record),
                    field(n - 3) + "/" + field(n - 2) + "/" + field(n - 8), field(n - 6),
                    field(n - 5), field(n - 4), reader.line()});
  }
  return rows;
}

std::vector<StoredRow> read_json_rows(std::string_view text) {
  std::vector<StoredRow> rows;
  std::size_t pos = 0;
  int line_number = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;  // cut short by an interruption
    std::string_view line = text.substr(pos, end - pos + 1);
    pos = end + 1;
    ++line_number;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    auto file = j.find("file");
    auto status = j.find("status");
    if (file == j.end() || !file->is_string() || status == j.end() || !status->is_string()) {
      continue;
    }
    const auto& s = status->get_ref<const std::string&>();
    if (s != "ok" && s != "error") continue;
    // Rows of another version of the format (no run record) are not kept.
    auto seed = j.find("seed");
    auto samples = j.find("samples");
    auto threshold = j.find("threshold");
    if (seed == j.end() || samples == j.end() || threshold == j.end()) continue;
    auto integer = [](const nlohmann::json& v) -> std::optional<std::uint64_t> {
      if (v.is_number_unsigned()) return v.get<std::uint64_t>();
      return std::nullopt;
    };
    std::optional<double> t;
    if (threshold->is_number()) t = threshold->get<double>();
    auto text_of = [&](const char* key) {
      auto v = j.find(key);
      return v != j.end() && v->is_string() ? v->get<std::string>() : std::string();
    };
    rows.push_back({file->get<std::string>(), s == "ok", std::string(line),
                    sampling_key(integer(*seed), integer(*samples), t), text_of("model_sha256"),
                    text_of("tables_sha256"), text_of("scenario_sha256"), line_number});
  }
  return rows;
}

}  // namespace

std::string sampling_key(const std::optional<std::uint64_t>& seed,
                         const std::optional<std::uint64_t>& samples,
                         const std::optional<double>& threshold) {
  return optional_text(seed) + "/" + optional_text(samples) + "/" +
         (threshold ? format_exact(*threshold) : "");
}

std::string batch_header(BatchFormat format) {
  if (format == BatchFormat::kJsonl) return "";
  std::string out;
  for (std::string_view c : kBatchColumns) out += (out.empty() ? "" : ",") + std::string(c);
  return out + "\n";
}

std::string format_batch_row(const BatchRow& row, BatchFormat format) {
  return format == BatchFormat::kCsv ? csv_row(row) : json_row(row);
}

bool looks_like_batch_results(std::string_view text, BatchFormat format) {
  if (text.empty()) return true;
  if (format == BatchFormat::kCsv) {
    const std::string header = batch_header(format);
    // The header, or the start of one cut short by an interruption.
    return text.size() < header.size() ? header.starts_with(text) : text.starts_with(header);
  }
  // Every row starts so (json_row); a first row cut short by an interruption too.
  constexpr std::string_view kRowStart = "{\"schema_version\":";
  const std::size_t end = text.find('\n');
  if (end == std::string_view::npos) {
    return text.size() < kRowStart.size() ? kRowStart.starts_with(text)
                                          : text.starts_with(kRowStart);
  }
  auto j = nlohmann::json::parse(text.substr(0, end), nullptr, false);
  return !j.is_discarded() && j.is_object() && j.contains("file") && j.contains("status");
}

std::vector<StoredRow> read_batch_rows(std::string_view text, BatchFormat format) {
  return format == BatchFormat::kCsv ? read_csv_rows(text) : read_json_rows(text);
}

}  // namespace orgsim::app
