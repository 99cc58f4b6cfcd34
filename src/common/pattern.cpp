// Pattern compilation (Thompson construction) and matching (state-set
// simulation); the parser is in pattern_parse.cpp. See
// tessera/common/pattern.hpp.
//
// Why not backtracking: a merchant's pattern such as "(a+)+$" would then take
// exponential time on a respondent's "aaaa...b", freezing the widget on
// someone else's page. Simulating every NFA state at once costs at most
// |text| x |states| steps whatever the pattern, and kMaxStates bounds the
// second factor.
#include "tessera/common/pattern.hpp"

#include <cstdint>
#include <utility>
#include <vector>

#include "pattern_syntax.hpp"

namespace tessera {
namespace pattern_syntax {

struct Program {
  enum class Op : std::uint8_t {
    kSet,    // consume one code point in sets[arg], then go to next
    kSplit,  // go to both arg and next without consuming
    kJump,   // go to next without consuming
    kBegin,  // go to next if at the start of the text
    kEnd,    // go to next if at the end of the text
    kMatch,  // accept if the text is used up
  };
  struct State {
    Op op;
    std::uint32_t arg;
    std::uint32_t next;
  };
  std::vector<State> states;
  std::vector<CharSet> sets;
  std::uint32_t start = 0;
};

}  // namespace pattern_syntax

namespace {

using pattern_syntax::Node;
using pattern_syntax::Program;
using Op = Program::Op;

// Builds the program back to front: compile(node, next) emits states that
// match `node` and then continue at `next`, and returns the entry state. This
// needs no patch lists, and every compiled node adds at least one state, so
// the state cap also bounds the work done for nested bounded repeats.
class Compiler {
 public:
  Compiler(std::vector<Program::State>& states, std::size_t max_states)
      : states_(states), max_states_(max_states) {}

  bool overflowed() const { return overflowed_; }

  std::uint32_t add(Op op, std::uint32_t arg, std::uint32_t next) {
    if (states_.size() >= max_states_) {
      overflowed_ = true;
      return 0;
    }
    states_.push_back({op, arg, next});
    return static_cast<std::uint32_t>(states_.size() - 1);
  }

  std::uint32_t compile(const Node& node, std::uint32_t next) {
    if (overflowed_) return 0;
    switch (node.kind) {
      case Node::Kind::kEmpty:
        return add(Op::kJump, 0, next);
      case Node::Kind::kSet:
        return add(Op::kSet, node.set, next);
      case Node::Kind::kBegin:
        return add(Op::kBegin, 0, next);
      case Node::Kind::kEnd:
        return add(Op::kEnd, 0, next);
      case Node::Kind::kConcat:
        for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
          next = compile(*it, next);
        }
        return next;
      case Node::Kind::kAlternate: {
        std::uint32_t entry = compile(node.children.back(), next);
        for (std::size_t i = node.children.size() - 1; i-- > 0;) {
          std::uint32_t branch = compile(node.children[i], next);
          entry = add(Op::kSplit, branch, entry);
        }
        return entry;
      }
      case Node::Kind::kRepeat:
        return repeat(node, next);
    }
    return 0;
  }

 private:
  // x{m,n} becomes m copies of x, then n-m nested optional copies
  // (x(x(x)?)?)? so each skip is one edge, not n-m of them. x{m,} becomes
  // m-1 copies then x+, a single copy looping back to itself.
  std::uint32_t repeat(const Node& node, std::uint32_t next) {
    const Node& body = node.children.front();
    std::uint32_t entry = next;
    std::uint32_t copies = node.min;
    if (node.max == pattern_syntax::kUnbounded) {
      const std::uint32_t loop = add(Op::kSplit, 0, next);
      const std::uint32_t body_entry = compile(body, loop);
      if (overflowed_) return 0;
      states_[loop].arg = body_entry;
      if (node.min == 0) return loop;
      entry = body_entry;
      copies = node.min - 1;
    } else {
      for (std::uint32_t i = node.min; i < node.max && !overflowed_; ++i) {
        entry = add(Op::kSplit, compile(body, entry), next);
      }
    }
    for (std::uint32_t i = 0; i < copies && !overflowed_; ++i) entry = compile(body, entry);
    return entry;
  }

  std::vector<Program::State>& states_;
  std::size_t max_states_;
  bool overflowed_ = false;
};

// The set of live states at one text position. A state is added once per
// position (generation stamps), which is what makes empty loops such as
// "(a*)*" terminate and keeps each step O(states).
class StateSet {
 public:
  explicit StateSet(const Program& program)
      : program_(&program), stamp_(program.states.size(), 0) {}

  const std::vector<std::uint32_t>& consuming() const { return consuming_; }
  bool has_match() const { return has_match_; }

  void reset() {
    ++generation_;
    consuming_.clear();
    has_match_ = false;
  }

  // Adds `state` and everything reachable from it without consuming input;
  // an explicit stack, since a chain of up to kMaxStates jumps would
  // otherwise be as deep a recursion.
  void add(std::uint32_t state, bool at_begin, bool at_end) {
    stack_.push_back(state);
    while (!stack_.empty()) {
      const std::uint32_t s = stack_.back();
      stack_.pop_back();
      if (stamp_[s] == generation_) continue;
      stamp_[s] = generation_;
      const Program::State& st = program_->states[s];
      switch (st.op) {
        case Op::kSet:
          consuming_.push_back(s);
          break;
        case Op::kMatch:
          has_match_ = true;
          break;
        case Op::kSplit:
          stack_.push_back(st.next);
          stack_.push_back(st.arg);
          break;
        case Op::kJump:
          stack_.push_back(st.next);
          break;
        case Op::kBegin:
          if (at_begin) stack_.push_back(st.next);
          break;
        case Op::kEnd:
          if (at_end) stack_.push_back(st.next);
          break;
      }
    }
  }

 private:
  const Program* program_;  // a pointer, so that sets can be swapped
  std::vector<std::uint32_t> stamp_;
  std::uint32_t generation_ = 0;
  std::vector<std::uint32_t> consuming_;
  std::vector<std::uint32_t> stack_;
  bool has_match_ = false;
};

}  // namespace

Result<Pattern> Pattern::compile(std::string_view pattern, const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(pattern_syntax::Syntax syntax,
                           pattern_syntax::parse(pattern, path, kMaxNesting, kMaxLength,
                                                 static_cast<std::uint32_t>(kMaxStates)));
  auto program = std::make_shared<Program>();
  program->sets = std::move(syntax.sets);
  Compiler compiler(program->states, kMaxStates);
  const std::uint32_t match = compiler.add(Op::kMatch, 0, 0);
  program->start = compiler.compile(syntax.root, match);
  if (compiler.overflowed()) {
    return Status(Code::kLimitExceeded,
                  "pattern compiles to more than " + std::to_string(kMaxStates) +
                      " states; use smaller repeat counts",
                  path);
  }
  return Pattern(std::string(pattern), std::move(program));
}

bool Pattern::matches(std::string_view text) const {
  const Program& program = *program_;
  StateSet current(program);
  StateSet following(program);
  current.reset();
  current.add(program.start, true, text.empty());
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (current.consuming().empty()) return false;  // nothing can match any more
    char32_t c = 0;
    if (!pattern_syntax::next_code_point(text, pos, c)) return false;
    following.reset();
    for (std::uint32_t s : current.consuming()) {
      const Program::State& st = program.states[s];
      if (pattern_syntax::contains(program.sets[st.arg], c)) {
        following.add(st.next, false, pos == text.size());
      }
    }
    std::swap(current, following);
  }
  return current.has_match();
}

std::size_t Pattern::state_count() const { return program_->states.size(); }

}  // namespace tessera
