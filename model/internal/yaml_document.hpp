#pragma once
// A YAML document read with libyaml's event parser into one compact arena: every node
// in one vector (kind, line, column, and for a scalar its text, for a collection the
// range of its descendants), scalars that equal their source text pointing into it.
// About 16 bytes per node plus the scalars that escapes or folding changed, against
// the 60-70 times the text that yaml-cpp's node tree took. Internal to model/.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orgsim::model {

/// A position in the input, 1-based; line 0 means "no position" (the whole file).
/// Columns count bytes, as the caret under a quoted line does.
struct YamlMark {
  int line = 0;
  int column = 0;
  bool is_null() const { return line == 0; }
  /// Orders marks of one file by position (for keeping fields in file order).
  std::uint64_t order() const {
    return (std::uint64_t(static_cast<std::uint32_t>(line)) << 32) |
           static_cast<std::uint32_t>(column);
  }
};

class YamlDocument;

/// A handle to one node of a YamlDocument (which must outlive it). Aliases are resolved:
/// an alias is the node its anchor names, mark included, as yaml-cpp had it.
class YamlNode {
 public:
  YamlNode() = default;

  /// An empty value (nothing, "~" or "null" unquoted and untagged).
  bool is_null() const;
  bool is_scalar() const;
  bool is_sequence() const;
  bool is_map() const;
  /// The text of a scalar ("" for anything else).
  std::string_view scalar() const;
  YamlMark mark() const;
  /// Items of a sequence, entries of a mapping, 0 for anything else.
  std::size_t size() const;

  /// Iterates the items of a sequence (nothing for anything else).
  class ItemIterator;
  struct Items;
  Items items() const;
  /// Item `i` of a sequence (i < size()). Time complexity: O(i).
  YamlNode operator[](std::size_t i) const;

  /// Iterates the key/value pairs of a mapping in file order (nothing for anything else).
  struct Entry;
  class EntryIterator;
  struct Entries;
  Entries entries() const;

 private:
  friend class YamlDocument;
  YamlNode(const YamlDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}
  const YamlDocument* doc_ = nullptr;
  std::uint32_t index_ = 0;
};

/// The parsed document: owns the nodes; scalars may point into the source text, which
/// must outlive it too. Build one with read_yaml_document (model/yaml_document.cpp).
class YamlDocument {
 public:
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap, kAlias };
  /// One node, 16 bytes.
  struct Node {
    std::uint32_t line_kind;  ///< line << 3 | Kind
    std::uint32_t column;
    /// Scalar: offset of its text; collection: index past its last descendant;
    /// alias: index of the anchored node.
    std::uint32_t a;
    /// Scalar: length, with kInArena set when the text is in arena_ rather than the
    /// source; collection: number of children (entries count twice).
    std::uint32_t b;
  };
  static constexpr std::uint32_t kInArena = 1u << 31;

  YamlNode root() const { return {this, 0}; }
  std::size_t node_count() const { return nodes_.size(); }

  Kind kind(std::uint32_t i) const { return static_cast<Kind>(nodes_[i].line_kind & 7); }
  /// `i` with an alias replaced by the node it names.
  std::uint32_t resolve(std::uint32_t i) const { return kind(i) == Kind::kAlias ? nodes_[i].a : i; }
  /// The index just past node `i` and its descendants.
  std::uint32_t next(std::uint32_t i) const {
    Kind k = kind(i);
    return k == Kind::kSequence || k == Kind::kMap ? nodes_[i].a : i + 1;
  }
  std::string_view scalar(std::uint32_t i) const {
    const Node& n = nodes_[i];
    if (kind(i) != Kind::kScalar) return {};
    if (n.b & kInArena) return std::string_view(arena_).substr(n.a, n.b & ~kInArena);
    return text_.substr(n.a, n.b);
  }
  YamlMark mark(std::uint32_t i) const {
    return {static_cast<int>(nodes_[i].line_kind >> 3), static_cast<int>(nodes_[i].column)};
  }
  std::uint32_t children(std::uint32_t i) const {
    Kind k = kind(i);
    return k == Kind::kSequence || k == Kind::kMap ? nodes_[i].b : 0;
  }

 private:
  friend class YamlDocumentBuilder;
  std::string_view text_;
  std::vector<Node> nodes_;
  std::string arena_;
};

static_assert(sizeof(YamlDocument::Node) == 16, "the arena's memory figure assumes 16 bytes");

class YamlNode::ItemIterator {
 public:
  ItemIterator(const YamlDocument* doc, std::uint32_t at) : doc_(doc), at_(at) {}
  YamlNode operator*() const { return {doc_, doc_->resolve(at_)}; }
  ItemIterator& operator++() {
    at_ = doc_->next(at_);
    return *this;
  }
  bool operator!=(const ItemIterator& o) const { return at_ != o.at_; }

 private:
  const YamlDocument* doc_;
  std::uint32_t at_;
};

struct YamlNode::Items {
  ItemIterator b, e;
  ItemIterator begin() const { return b; }
  ItemIterator end() const { return e; }
};

struct YamlNode::Entry {
  YamlNode first;   ///< the key
  YamlNode second;  ///< the value
};

class YamlNode::EntryIterator {
 public:
  EntryIterator(const YamlDocument* doc, std::uint32_t at) : doc_(doc), at_(at) {}
  Entry operator*() const {
    std::uint32_t value = doc_->next(at_);
    return {{doc_, doc_->resolve(at_)}, {doc_, doc_->resolve(value)}};
  }
  EntryIterator& operator++() {
    at_ = doc_->next(doc_->next(at_));
    return *this;
  }
  bool operator!=(const EntryIterator& o) const { return at_ != o.at_; }

 private:
  const YamlDocument* doc_;
  std::uint32_t at_;
};

struct YamlNode::Entries {
  EntryIterator b, e;
  EntryIterator begin() const { return b; }
  EntryIterator end() const { return e; }
};

inline bool YamlNode::is_null() const {
  return !doc_ || doc_->kind(index_) == YamlDocument::Kind::kNull;
}
inline bool YamlNode::is_scalar() const {
  return doc_ && doc_->kind(index_) == YamlDocument::Kind::kScalar;
}
inline bool YamlNode::is_sequence() const {
  return doc_ && doc_->kind(index_) == YamlDocument::Kind::kSequence;
}
inline bool YamlNode::is_map() const {
  return doc_ && doc_->kind(index_) == YamlDocument::Kind::kMap;
}
inline std::string_view YamlNode::scalar() const {
  return doc_ ? doc_->scalar(index_) : std::string_view();
}
inline YamlMark YamlNode::mark() const { return doc_ ? doc_->mark(index_) : YamlMark{}; }
inline std::size_t YamlNode::size() const {
  if (!doc_) return 0;
  return is_map() ? doc_->children(index_) / 2 : doc_->children(index_);
}
inline YamlNode::Items YamlNode::items() const {
  if (!is_sequence()) return {{doc_, 0}, {doc_, 0}};
  return {{doc_, index_ + 1}, {doc_, doc_->next(index_)}};
}
inline YamlNode YamlNode::operator[](std::size_t i) const {
  ItemIterator it = items().begin();
  for (std::size_t k = 0; k < i; ++k) ++it;
  return *it;
}
inline YamlNode::Entries YamlNode::entries() const {
  if (!is_map()) return {{doc_, 0}, {doc_, 0}};
  return {{doc_, index_ + 1}, {doc_, doc_->next(index_)}};
}

}  // namespace orgsim::model
