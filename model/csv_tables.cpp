#include "model/internal/csv_tables.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <system_error>

#include "common/errors.hpp"
#include "model/csv_model.hpp"

namespace orgsim::model {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTableKeys[] = {"departments", "roles", "dependencies"};

struct TableName {
  std::string file;  // the path as opened, relative to the working directory
  SourceLocation named_at;
};

// "1.5 MB", or "800 bytes" below a megabyte.
std::string size_text(std::uintmax_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

// Reads a whole table, refusing a folder or a file over `max_bytes` before reading.
// Message-only errors: the caller points at the YAML that names the file.
std::optional<std::string> read_table(const fs::path& path, std::uintmax_t max_bytes,
                                      std::string& error) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    error = "it is a directory, expected a CSV file";
    return std::nullopt;
  }
  std::uintmax_t size = 0;
  if (fs::is_regular_file(status)) {
    size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      error = "it is too large: " + size_text(size) + ", the limit is " + size_text(max_bytes) +
              " (" + std::to_string(kTableSizeFactor) + " times --max-input-mb)";
      return std::nullopt;
    }
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  // One read for a regular file; a cap anyway, for pipes and files that grow.
  std::string text;
  text.resize(static_cast<std::size_t>(size) + 1);
  std::size_t used = 0;
  while (std::size_t n = std::fread(text.data() + used, 1, text.size() - used, file.get())) {
    used += n;
    if (used > max_bytes) {
      error = "it is too large: more than the limit of " + size_text(max_bytes);
      return std::nullopt;
    }
    if (used == text.size()) text.resize(text.size() * 2 + 4096);
  }
  if (std::ferror(file.get())) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  text.resize(used);
  return text;
}

// The table's text, kept in `input.sources` (for quoting lines and for the run
// record's digest). Throws LoadError at the YAML that names it.
std::string_view load_table(const TableName& t, std::string_view key, const TableInput& input) {
  const std::uintmax_t limit =
      input.max_input_bytes > std::numeric_limits<std::uintmax_t>::max() / kTableSizeFactor
          ? std::numeric_limits<std::uintmax_t>::max()
          : input.max_input_bytes * kTableSizeFactor;
  std::string error;
  std::optional<std::string> text = read_table(t.file, limit, error);
  if (!text) {
    throw_load_error(t.named_at,
                     "cannot read the " + std::string(key) + " table '" + t.file + "': " + error,
                     input.sources);
  }
  input.sources->add(t.file, std::move(*text));
  return *input.sources->text(t.file);
}

}  // namespace

void read_model_tables(YamlReader& r, Fields& top, double default_recovery, const TableInput& input,
                       OrgGraph& g, Diagnostics& csv) {
  for (std::string_view list : kTableKeys) {
    if (top.has(list)) {
      r.error(top.key_mark(list), "field '" + std::string(list) +
                                      "' cannot be used with 'tables': the " + std::string(list) +
                                      " are read from a table");
    }
  }
  std::optional<YamlNode> tables = top.mapping("tables");
  if (!tables) {
    // Empty (mapping() takes that as absent) or not a mapping (already reported).
    r.error(top.value_mark("tables"), "field 'tables' must name at least the roles table");
    return;
  }
  Fields f(r, *tables, "tables", kTableKeys);
  const fs::path folder = fs::path(r.file()).parent_path();
  std::optional<TableName> names[std::size(kTableKeys)];
  for (std::size_t k = 0; k < std::size(kTableKeys); ++k) {
    const std::string_view key = kTableKeys[k];
    std::optional<std::string> file = f.text(key, key == "roles");
    if (!file || file->empty()) continue;
    TableName name{(folder / *file).lexically_normal().string(), r.locate(f.value_mark(key))};
    for (std::size_t j = 0; j < k; ++j) {
      if (names[j] && names[j]->file == name.file) {
        r.error(f.value_mark(key),
                "table '" + *file + "' is already the " + std::string(kTableKeys[j]) + " table");
        file.reset();
      }
    }
    if (file) names[k] = std::move(name);
  }
  if (!names[1]) return;  // no roles: reported above

  // Every table is read before any is parsed, so a missing one is reported alone.
  std::string_view texts[std::size(kTableKeys)];
  for (std::size_t k = 0; k < std::size(kTableKeys); ++k) {
    if (!names[k]) continue;
    texts[k] = load_table(*names[k], kTableKeys[k], input);
    g.table_files.push_back(names[k]->file);
  }
  DepartmentRule rule = DepartmentRule::kCreate;
  if (names[0]) {
    rule = read_departments_csv(texts[0], names[0]->file, g, csv) ? DepartmentRule::kMustExist
                                                                  : DepartmentRule::kSkip;
  }
  const bool roles_ok = read_roles_csv(texts[1], names[1]->file, default_recovery, rule, g, csv);
  if (names[2]) read_dependencies_csv(texts[2], names[2]->file, roles_ok, g, csv);
}

}  // namespace orgsim::model
