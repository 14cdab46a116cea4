#pragma once
// Numbers as text, the same on every machine. Everything goes through std::to_chars,
// so neither the C locale (setlocale) nor the C++ global locale can turn "0.5" into
// "0,5". Machine output (CSV, YAML, JSON, cache keys) reads back exactly; text for
// people is rounded. printf, iostreams and std::to_string(double) are not used for numbers.

#include <string>

namespace orgsim {

/// The shortest text that reads back as the same double: "0.1", "1e+300", "-0"; "inf",
/// "-inf" and "nan" for the others. For machine output (CSV tables, chart data).
std::string format_shortest(double v);

/// 17 significant digits, as printf's "%.17g" in the C locale ("0.10000000000000001"):
/// reads back exactly too, but is longer than format_shortest. For the outputs that have
/// always been written this way (batch and rank CSV, what-if cache keys).
std::string format_exact(double v);

/// format_shortest and format_exact appended to `out`, for writers of large tables.
void append_shortest(std::string& out, double v);
void append_exact(std::string& out, double v);

/// `decimals` digits after the point, correctly rounded (printf's "%.*f" in the C
/// locale), for people: format_fixed(84.126, 2) == "84.13". Never prints "-0.00": a value
/// that rounds to zero loses its sign. Throws InvalidArgument unless 0 <= decimals <= 1074.
std::string format_fixed(double v, int decimals);

/// `digits` significant digits, as printf's "%.*g" in the C locale, for people:
/// format_significant(0.000021345, 3) == "2.13e-05", format_significant(0.0100, 3) == "0.01".
/// Throws InvalidArgument unless 1 <= digits <= 1074.
std::string format_significant(double v, int digits);

}  // namespace orgsim
