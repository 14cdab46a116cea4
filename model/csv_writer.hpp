#pragma once
// Typed model out, CSV tables in: the inverse of model/csv_model. The tables read back
// through load_model to the same values, bit for bit. Also the one CSV field quoting
// that every CSV output uses (csv_field).

#include <string>
#include <string_view>

#include "model/org_graph.hpp"

namespace orgsim::model {

/// departments.csv: `id,name`, one row per department.
/// Time complexity: O(departments + length of the text); likewise for the others.
std::string departments_csv(const OrgGraph& g);

/// roles.csv: `id,name,department,recovery,touchpoint,description`. Numbers are
/// written in their shortest form that reads back exactly (std::to_chars); text is
/// quoted when it holds a comma, a quote, a line break or leading/trailing spaces.
std::string roles_csv(const OrgGraph& g);

/// dependencies.csv: `role,depends_on,weight`.
std::string dependencies_csv(const OrgGraph& g);

/// Appends `text` as one RFC 4180 field: quoted when it holds a comma, a quote or a line
/// break, or starts or ends with a space (which a spreadsheet may trim); quotes doubled.
/// Every CSV orgsim writes (model tables, rank, batch) quotes its fields with this.
void append_csv_field(std::string& out, std::string_view text);

/// append_csv_field into a new string: csv_field("a,b") == "\"a,b\"".
std::string csv_field(std::string_view text);

/// A model file whose lists are in the three tables: name, description, cx baseline
/// and `tables:` naming the files (relative to the model file's folder).
std::string tables_yaml(const OrgGraph& g, std::string_view departments_file,
                        std::string_view roles_file, std::string_view dependencies_file);

}  // namespace orgsim::model
