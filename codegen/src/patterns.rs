//! Compiles the model's `pattern`s into the programs `src/validate/patterns.rs` runs: the
//! minimal DFA over code points, laid out as `crate::model::Pattern` (in `src/model/mod.rs`)
//! describes. A DFA matches in one pass with no memory, whatever the pattern, and stops at
//! the first character no match can go on with, which messages report.
//!
//! A pattern is read as an ECMAScript regular expression with the `u` flag that must match
//! the whole string (botocore drops the `^…$`): over code points; `\d` and `\w` are ASCII,
//! `\s` is JavaScript's white space, `.` is any code point but a line terminator; an escaped
//! character that is not a letter or digit (`\_`, `\#`, `\ `) is itself, as Java and
//! JavaScript without `u` read it. Supported: literals, escapes, classes (negated too),
//! groups, alternation, `*` `+` `?` `{n}` `{n,}` `{n,m}` (lazy too: the same strings match
//! whole), `^` `$`, and look-aheads `(?=…)` `(?!…)` anywhere. Anything else is refused by name.

use std::collections::{BTreeMap, BTreeSet};

/// The code points of a Unicode property (`L`, `Pd`, `Script=Greek`), inclusive ranges, as
/// the compiled patterns hold them: `regex-syntax`'s tables (Unicode 16.0 in 0.8.12).
/// `cargo run --manifest-path codegen/Cargo.toml -- --unicode-property NAME` prints them,
/// for tests that must draw characters the library counts in a property.
pub fn unicode_property(name: &str) -> Option<Vec<(u32, u32)>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(&format!("\\p{{{name}}}")).ok()?;
    match hir.kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
            Some(class.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect())
        }
        _ => None,
    }
}

/// The program of `pattern`; the error says why it cannot be compiled, to follow the
/// pattern in a sentence.
pub fn program(pattern: &str) -> Result<Vec<u8>, String> {
    encode(&dfa(pattern)?.minimal())
}

/// The minimal DFA of `pattern` (the tests walk it to make samples).
pub(crate) fn dfa(pattern: &str) -> Result<Dfa, String> {
    let tree = Parser { chars: pattern.chars().collect(), at: 0, in_look: false }.parse()?;
    let mut nfa = Nfa(Vec::new());
    let accept = nfa.push(State::Match)?;
    let start = nfa.compile(&tree, accept)?;
    nfa.dfa(start)
}

fn unsupported(what: impl std::fmt::Display) -> String {
    format!("uses {what}, which the generator does not compile")
}

fn invalid(why: impl std::fmt::Display) -> String {
    format!("is not a valid regular expression: it has {why}")
}

// ---- Parsing ----

/// Code point ranges, inclusive.
type Ranges = Vec<(u32, u32)>;

enum Node {
    /// One code point in these ranges.
    Chars(Ranges),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
    /// `^`
    Start,
    /// `$`
    End,
    Look { negative: bool, body: Box<Node> },
}

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// JavaScript's `\s`: its WhiteSpace and LineTerminator.
const SPACE: &[(u32, u32)] = &[
    (0x9, 0xD),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const LINE_TERMINATORS: &[(u32, u32)] = &[(0xA, 0xA), (0xD, 0xD), (0x2028, 0x2029)];

/// Sorted, with overlapping and adjacent ranges merged.
fn normalize(mut ranges: Ranges) -> Ranges {
    ranges.sort_unstable();
    let mut out: Ranges = Vec::new();
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// Every code point outside `ranges`.
fn negate(ranges: &[(u32, u32)]) -> Ranges {
    let mut out = Vec::new();
    let mut next = 0;
    for &(lo, hi) in &normalize(ranges.to_vec()) {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next <= 0x10FFFF {
        out.push((next, 0x10FFFF));
    }
    out
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    in_look: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    fn parse(mut self) -> Result<Node, String> {
        let node = self.alternation()?;
        match self.peek() {
            None => Ok(node),
            Some(_) => Err(invalid("an unmatched `)`")),
        }
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut alternatives = vec![self.concatenation()?];
        while self.eat('|') {
            alternatives.push(self.concatenation()?);
        }
        Ok(if alternatives.len() == 1 { alternatives.remove(0) } else { Node::Alt(alternatives) })
    }

    fn concatenation(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while !matches!(self.peek(), None | Some('|') | Some(')')) {
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(items))
    }

    fn atom(&mut self) -> Result<Node, String> {
        let Some(c) = self.next() else { unreachable!("concatenation stops at the end") };
        Ok(match c {
            '(' => self.group()?,
            '[' => Node::Chars(self.class()?),
            '.' => Node::Chars(negate(LINE_TERMINATORS)),
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => Node::Chars(self.escape(false)?),
            '*' | '+' | '?' => return Err(invalid(format!("`{c}` with nothing to repeat"))),
            '{' => {
                self.at -= 1;
                return Err(match self.counted()? {
                    Some(_) => invalid("`{` with nothing to repeat"),
                    None => invalid("a `{` that starts no `{n,m}` (a literal one is written `\\{`)"),
                });
            }
            c => Node::Chars(vec![(u32::from(c), u32::from(c))]),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max, len) = match self.peek() {
            Some('*') => (0, None, 1),
            Some('+') => (1, None, 1),
            Some('?') => (0, Some(1), 1),
            Some('{') => match self.counted()? {
                Some(bounds) => bounds,
                None => return Ok(atom), // the next `atom` reports the `{`
            },
            _ => return Ok(atom),
        };
        self.at += len;
        if matches!(atom, Node::Start | Node::End | Node::Look { .. }) {
            return Err(invalid("a quantifier after an assertion"));
        }
        if self.eat('+') {
            return Err(unsupported("a possessive quantifier (`*+`, `++`, `?+`, `{n,m}+`)"));
        }
        self.eat('?'); // lazy: for a whole-string match, the same strings match
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    /// The `{n}`, `{n,}` or `{n,m}` at the current `{`, and its length in characters; None
    /// when the braces are not one.
    fn counted(&self) -> Result<Option<(u32, Option<u32>, usize)>, String> {
        let rest: String = self.chars[self.at..].iter().take_while(|&&c| c != '}').collect();
        let Some(body) = rest.strip_prefix('{').filter(|_| self.at + rest.chars().count() < self.chars.len()) else {
            return Ok(None);
        };
        let number = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
        let bounds = match body.split_once(',') {
            None => number(body).map(|n| (n, Some(n))),
            Some((low, "")) => number(low).map(|n| (n, None)),
            Some((low, high)) => number(low).zip(number(high)).map(|(n, m)| (n, Some(m))),
        };
        let Some((min, max)) = bounds else { return Ok(None) };
        if max.is_some_and(|max| max < min) {
            return Err(invalid(format!("`{{{body}}}` with its bounds out of order")));
        }
        Ok(Some((min, max, rest.chars().count() + 1)))
    }

    fn group(&mut self) -> Result<Node, String> {
        let node = if self.eat('?') {
            match self.next() {
                Some(':') => self.alternation()?,
                Some(c @ ('!' | '=')) => {
                    if self.in_look {
                        return Err(unsupported("a look-ahead inside a look-ahead"));
                    }
                    self.in_look = true;
                    let body = self.alternation()?;
                    self.in_look = false;
                    Node::Look { negative: c == '!', body: Box::new(body) }
                }
                Some('<') if matches!(self.peek(), Some('=' | '!')) => {
                    return Err(unsupported(format!("a look-behind `(?<{}`", self.peek().unwrap_or_default())))
                }
                Some('<') => {
                    while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        self.at += 1;
                    }
                    if !self.eat('>') {
                        return Err(invalid("a group name `(?<` without its `>`"));
                    }
                    self.alternation()?
                }
                _ => return Err(unsupported("a group modifier or inline flags `(?…`")),
            }
        } else {
            self.alternation()?
        };
        if !self.eat(')') {
            return Err(invalid("an unclosed `(`"));
        }
        Ok(node)
    }

    /// The code points of the escape after a `\` (in a class or not).
    fn escape(&mut self, in_class: bool) -> Result<Ranges, String> {
        let Some(c) = self.next() else { return Err(invalid("a lone `\\` at the end")) };
        let one = |u: u32| vec![(u, u)];
        Ok(match c {
            'd' => DIGIT.to_vec(),
            'D' => negate(DIGIT),
            'w' => WORD.to_vec(),
            'W' => negate(WORD),
            's' => SPACE.to_vec(),
            'S' => negate(SPACE),
            't' => one(0x9),
            'n' => one(0xA),
            'v' => one(0xB),
            'f' => one(0xC),
            'r' => one(0xD),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => one(0),
            'u' => one(self.unicode_escape()?),
            'x' => one(self.hex(2).ok_or_else(|| invalid("a `\\x` without two hex digits"))?),
            '0'..='9' if c != '0' => return Err(unsupported(format!("a back-reference `\\{c}`"))),
            '0' => return Err(unsupported("an octal escape `\\0…`")),
            'k' => return Err(unsupported("a named back-reference `\\k<…>`")),
            'p' | 'P' => {
                let property = self.unicode_property()?;
                if c == 'P' { negate(&property) } else { property }
            }
            'b' if in_class => return Err(unsupported("`\\b` in a class (a backspace in JavaScript, an error in Java)")),
            'b' | 'B' => return Err(unsupported(format!("a word boundary `\\{c}`"))),
            'c' => return Err(unsupported("a control escape `\\cX`")),
            c if c.is_ascii_alphanumeric() => return Err(unsupported(format!("the escape `\\{c}`"))),
            c => one(u32::from(c)),
        })
    }

    /// The code points of the Unicode property after `\p` or `\P`: `{L}`, `{Script=Greek}`,
    /// `{Alphabetic}`, as the `u` flag reads them. The Unicode tables are `regex-syntax`'s
    /// (the `regex` crate's, which `tests/patterns.rs` compares every program with).
    fn unicode_property(&mut self) -> Result<Ranges, String> {
        let end = self.chars[self.at..].iter().position(|&c| c == '}');
        let (true, Some(end)) = (self.eat('{'), end) else { return Err(invalid("a `\\p` without `{…}`")) };
        let name: String = self.chars[self.at..self.at + end - 1].iter().collect();
        self.at += end;
        unicode_property(&name).ok_or_else(|| invalid(format!("`\\p{{{name}}}`, which names no Unicode property")))
    }

    /// `count` hex digits as a number, consumed; None (nothing consumed) when they are not.
    fn hex(&mut self, count: usize) -> Option<u32> {
        let digits: String = self.chars.get(self.at..self.at + count)?.iter().collect();
        let value = u32::from_str_radix(&digits, 16).ok().filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))?;
        self.at += count;
        Some(value)
    }

    /// The code point after `\u`: `XXXX`, `{X…}`, or a surrogate pair `XXXX\uXXXX` (one code
    /// point with the `u` flag). A lone surrogate is returned as is: it matches nothing,
    /// as a well-formed string never holds one.
    fn unicode_escape(&mut self) -> Result<u32, String> {
        if self.eat('{') {
            let end = self.chars[self.at..].iter().position(|&c| c == '}');
            let value = end.and_then(|n| self.hex(n)).filter(|&u| u <= 0x10FFFF);
            return match value {
                Some(u) if self.eat('}') => Ok(u),
                _ => Err(invalid("a `\\u{…}` that is not a code point")),
            };
        }
        let u = self.hex(4).ok_or_else(|| invalid("a `\\u` without four hex digits"))?;
        if (0xD800..0xDC00).contains(&u) && self.chars.get(self.at..self.at + 2) == Some(&['\\', 'u']) {
            self.at += 2;
            match self.hex(4) {
                Some(low @ 0xDC00..=0xDFFF) => return Ok(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)),
                Some(_) => self.at -= 6,
                None => self.at -= 2,
            }
        }
        Ok(u)
    }

    /// A class after its `[`, through its `]`.
    fn class(&mut self) -> Result<Ranges, String> {
        let negated = self.eat('^');
        if self.peek() == Some(']') {
            return Err(unsupported("an empty class `[]` or `[^]` (JavaScript and Java read them differently)"));
        }
        let mut ranges = Vec::new();
        loop {
            let low = match self.next() {
                None => return Err(invalid("an unterminated class `[`")),
                Some(']') => break,
                Some(c) => self.class_member(c)?,
            };
            let is_range = self.peek() == Some('-') && !matches!(self.chars.get(self.at + 1), None | Some(']'));
            if !is_range {
                ranges.extend(low);
                continue;
            }
            self.at += 1;
            let high = match self.next() {
                Some(c) => self.class_member(c)?,
                None => unreachable!("checked above"),
            };
            let one = |ranges: &Ranges| match ranges[..] {
                [(lo, hi)] if lo == hi => Some(lo),
                _ => None,
            };
            let (Some(low), Some(high)) = (one(&low), one(&high)) else {
                return Err(unsupported("a range with a class escape such as `\\d` at one end"));
            };
            if low > high {
                return Err(invalid(format!("a range `\\u{{{low:X}}}-\\u{{{high:X}}}` out of order")));
            }
            ranges.push((low, high));
        }
        Ok(if negated { negate(&ranges) } else { normalize(ranges) })
    }

    /// The code points of one member of a class that starts with `c`.
    fn class_member(&mut self, c: char) -> Result<Ranges, String> {
        match c {
            '\\' => self.escape(true),
            '[' => Err(unsupported("a `[` in a class (a nested class in Java; a literal one is written `\\[`)")),
            '&' if self.peek() == Some('&') => Err(unsupported("`&&` in a class (an intersection in Java)")),
            c => Ok(vec![(u32::from(c), u32::from(c))]),
        }
    }
}

// ---- NFA ----

/// An NFA state over code points.
enum State {
    Char { ranges: Ranges, next: usize },
    Split(Vec<usize>),
    /// `^`: goes on only at the start of the string.
    Start(usize),
    /// `$`: goes on only at its end.
    End(usize),
    Look { negative: bool, body: usize, next: usize },
    Match,
}

struct Nfa(Vec<State>);

// Far more than any model pattern needs: large `{n,m}` bounds, or a count of a class that
// overlaps what follows it, could need more.
const MAX_NFA_STATES: usize = 100_000;
const MAX_DFA_STATES: usize = 10_000;
/// About three times the largest program of the models' patterns (a class of Unicode
/// properties, `[\p{L}\p{M}\p{N}…]`, is about 2.9 KB where it is used): a pattern past it
/// would add more to the module than every other pattern together.
const MAX_PROGRAM: usize = 16384;

/// Where a `Thread` or a look-ahead's run has reached the end of its pattern: it matches
/// if the string ends here.
const ENDS: usize = usize::MAX;

/// One way the pattern can go on: at a `Char` state (or `ENDS`), with what its
/// look-aheads still ask of the rest of the string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Thread {
    at: usize,
    /// The run of the negative look-aheads under way: the thread fails if it matches.
    forbidden: BTreeSet<usize>,
    /// The run of each positive look-ahead under way: each must match.
    required: BTreeSet<BTreeSet<usize>>,
}

impl Nfa {
    fn push(&mut self, state: State) -> Result<usize, String> {
        if self.0.len() == MAX_NFA_STATES {
            return Err(unsupported(format!("repetitions that need more than {MAX_NFA_STATES} NFA states")));
        }
        self.0.push(state);
        Ok(self.0.len() - 1)
    }

    /// The start of `node` followed by the state `next`.
    fn compile(&mut self, node: &Node, next: usize) -> Result<usize, String> {
        match node {
            Node::Chars(ranges) => self.push(State::Char { ranges: ranges.clone(), next }),
            Node::Concat(items) => items.iter().rev().try_fold(next, |at, item| self.compile(item, at)),
            Node::Alt(alternatives) => {
                let starts = alternatives.iter().map(|a| self.compile(a, next)).collect::<Result<_, _>>()?;
                self.push(State::Split(starts))
            }
            Node::Repeat { node, min, max } => {
                let mut at = match max {
                    None => {
                        let repeat = self.push(State::Split(Vec::new()))?;
                        let body = self.compile(node, repeat)?;
                        self.0[repeat] = State::Split(vec![body, next]);
                        repeat
                    }
                    Some(max) => {
                        let mut at = next;
                        for _ in *min..*max {
                            let body = self.compile(node, at)?;
                            at = self.push(State::Split(vec![body, next]))?;
                        }
                        at
                    }
                };
                for _ in 0..*min {
                    at = self.compile(node, at)?;
                }
                Ok(at)
            }
            Node::Start => self.push(State::Start(next)),
            Node::End => self.push(State::End(next)),
            Node::Look { negative, body } => {
                let matched = self.push(State::Match)?;
                let body = self.compile(body, matched)?;
                self.push(State::Look { negative: *negative, body, next })
            }
        }
    }

    /// Where `seeds` lead without reading, in a look-ahead's body: its `Char` states (and
    /// `ENDS` if it matches should the string end here), and whether it matches now.
    fn run(&self, seeds: impl IntoIterator<Item = usize>, at_start: bool) -> (BTreeSet<usize>, bool) {
        let (mut states, mut now) = (BTreeSet::new(), false);
        let mut stack: Vec<(usize, bool)> = seeds.into_iter().map(|s| (s, false)).collect();
        let mut seen = BTreeSet::new();
        while let Some((s, ended)) = stack.pop() {
            if !seen.insert((s, ended)) {
                continue;
            }
            match &self.0[s] {
                State::Char { .. } if !ended => drop(states.insert(s)),
                State::Char { .. } => {}
                State::Split(next) => stack.extend(next.iter().map(|&n| (n, ended))),
                State::Start(next) if at_start => stack.push((*next, ended)),
                State::Start(_) => {}
                State::End(next) => stack.push((*next, true)),
                State::Match if ended => drop(states.insert(ENDS)),
                State::Match => now = true,
                State::Look { .. } => unreachable!("look-aheads in look-aheads are refused"),
            }
        }
        (states, now)
    }

    /// The threads `seeds` lead to without reading.
    fn close(&self, seeds: Vec<Thread>, at_start: bool) -> BTreeSet<Thread> {
        let mut threads = BTreeSet::new();
        let mut stack: Vec<(Thread, bool)> = seeds.into_iter().map(|t| (t, false)).collect();
        let mut seen = BTreeSet::new();
        while let Some((mut thread, ended)) = stack.pop() {
            if !seen.insert((thread.clone(), ended)) {
                continue;
            }
            match &self.0[thread.at] {
                State::Char { .. } if !ended => drop(threads.insert(thread)),
                State::Char { .. } => {}
                State::Split(next) => stack.extend(next.iter().map(|&n| (Thread { at: n, ..thread.clone() }, ended))),
                State::Start(next) if at_start => stack.push((Thread { at: *next, ..thread }, ended)),
                State::Start(_) => {}
                State::End(next) => stack.push((Thread { at: *next, ..thread }, true)),
                // The whole string must match: the pattern's end is a match only at the string's.
                State::Match => drop(threads.insert(Thread { at: ENDS, ..thread })),
                State::Look { negative, body, next } => {
                    let (run, now) = self.run([*body], at_start);
                    match (negative, now) {
                        (true, true) => continue,
                        (true, false) => thread.forbidden.extend(run),
                        (false, true) => {}
                        (false, false) if run.is_empty() => continue,
                        (false, false) => drop(thread.required.insert(run)),
                    }
                    stack.push((Thread { at: *next, ..thread }, ended));
                }
            }
        }
        threads
    }

    /// Where the `Char` state `s` goes on `c`.
    fn step(&self, s: usize, c: u32) -> Option<usize> {
        match self.0.get(s) {
            Some(State::Char { ranges, next }) if ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) => Some(*next),
            _ => None,
        }
    }

    /// `threads` after reading `c`.
    fn advance(&self, threads: &BTreeSet<Thread>, c: u32) -> BTreeSet<Thread> {
        let mut seeds = Vec::new();
        'threads: for thread in threads {
            let Some(at) = self.step(thread.at, c) else { continue };
            let (forbidden, now) = self.run(thread.forbidden.iter().filter_map(|&s| self.step(s, c)), false);
            if now {
                continue;
            }
            let mut required = BTreeSet::new();
            for run in &thread.required {
                let (run, now) = self.run(run.iter().filter_map(|&s| self.step(s, c)), false);
                match (now, run.is_empty()) {
                    (true, _) => {}
                    (false, true) => continue 'threads,
                    (false, false) => drop(required.insert(run)),
                }
            }
            seeds.push(Thread { at, forbidden, required });
        }
        self.close(seeds, false)
    }

    /// The DFA by the subset construction, over threads; its alphabet is the ranges of code
    /// points that no class of the pattern tells apart.
    fn dfa(&self, start: usize) -> Result<Dfa, String> {
        let mut bounds = BTreeSet::from([0, 0x110000]);
        for state in &self.0 {
            if let State::Char { ranges, .. } = state {
                bounds.extend(ranges.iter().flat_map(|&(lo, hi)| [lo, hi + 1]));
            }
        }
        let bounds: Vec<u32> = bounds.into_iter().collect();
        let atoms: Vec<(u32, u32)> = bounds.windows(2).map(|w| (w[0], w[1] - 1)).collect();
        let first = self.close(vec![Thread { at: start, forbidden: BTreeSet::new(), required: BTreeSet::new() }], true);
        let mut ids = BTreeMap::from([(first.clone(), 0)]);
        let mut sets = vec![first];
        let mut dfa = Dfa { atoms, next: Vec::new(), accepts: Vec::new() };
        while dfa.next.len() < sets.len() {
            let threads = sets[dfa.next.len()].clone();
            dfa.accepts.push(threads.iter().any(|t| {
                t.at == ENDS && !t.forbidden.contains(&ENDS) && t.required.iter().all(|r| r.contains(&ENDS))
            }));
            let mut next = Vec::new();
            for &(c, _) in &dfa.atoms {
                let set = self.advance(&threads, c);
                next.push(*ids.entry(set).or_insert_with_key(|set| {
                    sets.push(set.clone());
                    sets.len() - 1
                }));
            }
            if sets.len() > MAX_DFA_STATES {
                return Err(unsupported(format!("so many combinations that its DFA needs more than {MAX_DFA_STATES} states")));
            }
            dfa.next.push(next);
        }
        Ok(dfa)
    }
}

// ---- DFA ----

/// A DFA over code points; state 0 starts.
pub(crate) struct Dfa {
    /// Ranges of code points, in order, that every state treats alike.
    pub(crate) atoms: Vec<(u32, u32)>,
    /// For each state, its target for each atom.
    pub(crate) next: Vec<Vec<usize>>,
    /// Whether a string may end in the state.
    pub(crate) accepts: Vec<bool>,
}

impl Dfa {
    /// The equivalent DFA with the fewest states (Moore's refinement), the start first.
    /// Every state no string leads from to a match becomes one, `dead`.
    pub(crate) fn minimal(&self) -> Dfa {
        let mut class: Vec<usize> = self.accepts.iter().map(|&a| usize::from(a)).collect();
        let mut count = 0;
        loop {
            let mut ids = BTreeMap::new();
            let refined: Vec<usize> = (0..class.len())
                .map(|s| {
                    let signature: (usize, Vec<usize>) = (class[s], self.next[s].iter().map(|&t| class[t]).collect());
                    let id = ids.len();
                    *ids.entry(signature).or_insert(id)
                })
                .collect();
            class = refined;
            if ids.len() == count {
                break;
            }
            count = ids.len();
        }
        // Classes are numbered in the order of their first state: the start's is 0.
        let mut minimal = Dfa { atoms: self.atoms.clone(), next: vec![Vec::new(); count], accepts: vec![false; count] };
        for s in 0..class.len() {
            minimal.accepts[class[s]] = self.accepts[s];
            minimal.next[class[s]] = self.next[s].iter().map(|&t| class[t]).collect();
        }
        minimal
    }

    /// The state no string gets out of and none ends in (after `minimal`, the only such).
    pub(crate) fn dead(&self) -> Option<usize> {
        (0..self.next.len()).find(|&s| !self.accepts[s] && self.next[s].iter().all(|&t| t == s))
    }

    /// The code points that lead from `state` to each live state (not `dead`), by target in
    /// order of first code point. Surrogates are no code point of a string: ranges go
    /// across them.
    pub(crate) fn edges(&self, state: usize, dead: Option<usize>) -> Vec<(usize, Ranges)> {
        let mut edges: Vec<(usize, Ranges)> = Vec::new();
        let mut last: Option<usize> = None;
        for (&(lo, hi), &target) in self.atoms.iter().zip(&self.next[state]) {
            if (0xD800..=0xDFFF).contains(&lo) && hi <= 0xDFFF {
                continue;
            }
            if Some(target) == dead {
                last = None;
                continue;
            }
            let at = edges.iter().position(|e| e.0 == target).unwrap_or_else(|| {
                edges.push((target, Vec::new()));
                edges.len() - 1
            });
            match edges[at].1.last_mut() {
                Some(range) if last == Some(target) => range.1 = hi,
                _ => edges[at].1.push((lo, hi)),
            }
            last = Some(target);
        }
        edges
    }
}

// ---- Layout ----

const ACCEPTS: u8 = 0x80;
const LITERAL: u8 = 0x20;
const COUNTED: u8 = 0x40;
const COUNT: u8 = 0x1F;

/// A block of the program: one state, or a chain of states (the first, then states only
/// the one before leads to) whose last one goes on to the block after.
enum Block {
    /// A state: the class that keeps it, then each other target's class.
    State(usize),
    /// States with one edge each, of one code point.
    Literal { first: usize, chars: Vec<u32> },
    /// `count` states like the first (the same acceptance and other edges) but for their
    /// edge of `class`, to the next.
    Counted { first: usize, count: usize, class: Ranges },
}

enum Chain {
    Literal(Vec<u32>),
    Counted(Ranges),
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A class: its length in bytes, then each range as its first code point and its length - 1.
/// The range with the most printable ASCII goes first: the matcher stops at the first range
/// that holds a character.
fn push_class(out: &mut Vec<u8>, ranges: &[(u32, u32)]) -> Result<(), String> {
    // A class of more than one ASCII range (`[-a-z0-9]`; `CustomDataIdentifier`'s has 20) is a
    // bitmap of ASCII then its ranges beyond: one lookup a character instead of a scan.
    if ranges.iter().filter(|&&(lo, _)| lo < 0x80).count() > ASCII_RANGES_FOR_A_BITMAP {
        let mut bitmap = [0u8; 16];
        for c in 0..0x80u32 {
            if ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
                bitmap[(c / 8) as usize] |= 1 << (c % 8);
            }
        }
        let beyond: Vec<(u32, u32)> = ranges.iter().filter(|&&(_, hi)| hi >= 0x80).map(|&(lo, hi)| (lo.max(0x80), hi)).collect();
        out.push(BITMAP_CLASS);
        out.extend(bitmap);
        return push_ranges(out, &beyond);
    }
    push_ranges(out, ranges)
}

/// `ranges` in parts that each fit a class's 254 bytes (most classes are one part), in order.
fn split_class(ranges: &[(u32, u32)]) -> Vec<Ranges> {
    let mut parts: Vec<Ranges> = vec![Vec::new()];
    for &range in ranges {
        let mut part = parts.last().cloned().unwrap_or_default();
        part.push(range);
        if !part.is_empty() && push_class(&mut Vec::new(), &part).is_err() {
            parts.push(vec![range]);
        } else {
            *parts.last_mut().expect("one part at least") = part;
        }
    }
    parts
}

/// A class with more ASCII ranges than this is laid out with an ASCII bitmap: from two
/// ranges, validate of a realistic input 0.89 of the time for 40 B of gzip (from four, as
/// first laid out; one range is as fast by its bounds).
const ASCII_RANGES_FOR_A_BITMAP: usize = 1;
/// The first byte of a class laid out with an ASCII bitmap (a class's ranges take at most 254 bytes).
const BITMAP_CLASS: u8 = 0xFF;

fn push_ranges(out: &mut Vec<u8>, ranges: &[(u32, u32)]) -> Result<(), String> {
    let mut ranges = ranges.to_vec();
    let printable = |&(lo, hi): &(u32, u32)| hi.min(0x7E).saturating_sub(lo.max(0x20)) + u32::from(lo <= 0x7E && hi >= 0x20);
    if let Some(most) = (0..ranges.len()).max_by_key(|&i| (printable(&ranges[i]), std::cmp::Reverse(i))) {
        ranges[..=most].rotate_right(1);
    }
    let mut class = Vec::new();
    for &(lo, hi) in &ranges {
        push_varint(&mut class, lo);
        push_varint(&mut class, hi - lo);
    }
    out.push(u8::try_from(class.len()).ok().filter(|&n| n != BITMAP_CLASS).ok_or_else(|| unsupported("a class whose ranges take more than 254 bytes"))?);
    out.extend(class);
    Ok(())
}

/// The DFA's states as blocks, each state in at most one; the start first.
struct Layout<'a> {
    dfa: &'a Dfa,
    /// For each live state, the code points to each target (`Dfa::edges`).
    edges: Vec<Vec<(usize, Ranges)>>,
    indegree: Vec<usize>,
    placed: Vec<bool>,
}

impl Layout<'_> {
    /// Whether `s` can be inside a chain, after its first state: nothing else leads to it.
    fn inner(&self, s: usize) -> bool {
        !self.placed[s] && self.indegree[s] == 1 && s != 0
    }

    /// `s`'s edges but the one of `class`.
    fn others(&self, s: usize, class: &Ranges) -> Vec<&(usize, Ranges)> {
        self.edges[s].iter().filter(|e| &e.1 != class).collect()
    }

    /// The longest chain from `s`, its states and the state after it.
    fn chain(&self, s: usize) -> Option<(Chain, Vec<usize>, usize)> {
        let literal = |x: usize| match &self.edges[x][..] {
            [(next, class)] if *next != x && class.len() == 1 && class[0].0 == class[0].1 => Some((*next, class[0].0)),
            _ => None,
        };
        if let Some((mut next, c)) = literal(s) {
            let (mut chars, mut states) = (vec![c], vec![s]);
            while let Some((after, c)) = literal(next).filter(|_| self.inner(next) && !self.dfa.accepts[next]) {
                if chars.len() == usize::from(COUNT) {
                    break;
                }
                chars.push(c);
                states.push(next);
                next = after;
            }
            return Some((Chain::Literal(chars), states, next));
        }
        let mut best: Option<(Chain, Vec<usize>, usize)> = None;
        // A class that takes more than one part (`split_class`) is no counted chain's.
        for (first_next, class) in self.edges[s].iter().filter(|e| e.0 != s && split_class(&e.1).len() == 1) {
            let (mut states, mut next) = (vec![s], *first_next);
            let mine = self.others(s, class);
            while self.inner(next) && self.dfa.accepts[next] == self.dfa.accepts[s] && self.others(next, class) == mine {
                match self.edges[next].iter().find(|e| &e.1 == class) {
                    Some(&(after, _)) if after != next => {
                        states.push(next);
                        next = after;
                    }
                    _ => break,
                }
            }
            if best.as_ref().is_none_or(|b| b.1.len() < states.len()) {
                best = Some((Chain::Counted(class.clone()), states, next));
            }
        }
        // One state is a chain when it has no other edge.
        best.filter(|b| b.1.len() > 1 || self.edges[s].len() == 1)
    }

    fn blocks(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut pending = if self.edges[0].is_empty() && !self.dfa.accepts[0] { Vec::new() } else { vec![0] };
        while let Some(mut state) = pending.pop() {
            while !self.placed[state] {
                self.placed[state] = true;
                let Some((chain, mut states, after)) = self.chain(state) else {
                    blocks.push(Block::State(state));
                    pending.extend(self.edges[state].iter().rev().map(|e| e.0));
                    break;
                };
                for &s in &states {
                    self.placed[s] = true;
                }
                pending.extend(self.edges[state].iter().rev().map(|e| e.0));
                // A chain goes on to the block after it; if that is placed, its last state
                // keeps its edges.
                let last = self.placed[after].then(|| states.pop().expect("a chain has a state"));
                let count = states.len();
                if count > 0 {
                    blocks.push(match chain {
                        Chain::Literal(mut chars) => {
                            chars.truncate(count);
                            Block::Literal { first: state, chars }
                        }
                        Chain::Counted(class) => Block::Counted { first: state, count, class },
                    });
                }
                if let Some(last) = last {
                    blocks.push(Block::State(last));
                    pending.extend(self.edges[last].iter().rev().map(|e| e.0));
                    break;
                }
                state = after;
            }
        }
        blocks
    }
}

/// The program of a minimal DFA, in the format `crate::model::Pattern` describes.
fn encode(dfa: &Dfa) -> Result<Vec<u8>, String> {
    let dead = dfa.dead();
    let states = dfa.next.len();
    let edges: Vec<Vec<(usize, Ranges)>> = (0..states).map(|s| if Some(s) == dead { Vec::new() } else { dfa.edges(s, dead) }).collect();
    let mut indegree = vec![0; states];
    for edge in edges.iter().flatten() {
        indegree[edge.0] += 1;
    }
    let mut layout = Layout { dfa, edges, indegree, placed: vec![false; states] };
    let blocks = layout.blocks();
    let edges = layout.edges;
    // Targets are varints, so offsets and sizes depend on each other: grow them until stable.
    let mut offsets = vec![0u32; states];
    loop {
        let mut program = Vec::new();
        let mut next = offsets.clone();
        for block in &blocks {
            let (Block::State(first) | Block::Literal { first, .. } | Block::Counted { first, .. }) = block;
            next[*first] = u32::try_from(program.len()).expect("a program under 4 GB");
            let accepts = if dfa.accepts[*first] { ACCEPTS } else { 0 };
            let (own, kind, count) = match block {
                Block::State(s) => (edges[*s].iter().find(|e| e.0 == *s).map(|e| e.1.clone()).unwrap_or_default(), 0, None),
                Block::Counted { class, count, .. } => (class.clone(), COUNTED, Some(*count)),
                Block::Literal { chars, .. } => {
                    program.push(accepts | LITERAL | chars.len() as u8);
                    chars.iter().for_each(|&c| push_varint(&mut program, c));
                    continue;
                }
            };
            // A class too long for one (a Unicode property's hundreds of ranges) is split:
            // its first part keeps the state, the others are edges back to it.
            let mut own_parts = split_class(&own).into_iter();
            let kept = own_parts.next().unwrap_or_default();
            if count.is_some() && own_parts.len() > 0 {
                return Err(unsupported("a counted repetition of a class longer than 254 bytes"));
            }
            let others: Vec<(usize, Ranges)> = own_parts
                .map(|part| (*first, part))
                .chain(edges[*first].iter().filter(|e| e.1 != own).flat_map(|(target, ranges)| split_class(ranges).into_iter().map(|part| (*target, part))))
                .collect();
            let own = kept;
            if others.len() > usize::from(COUNT) {
                return Err(unsupported(format!("so many branches that a state has more than {COUNT}")));
            }
            program.push(accepts | kind | others.len() as u8);
            if let Some(count) = count {
                push_varint(&mut program, u32::try_from(count).expect("fewer states than MAX_DFA_STATES"));
            }
            push_class(&mut program, &own)?;
            for (target, ranges) in &others {
                push_class(&mut program, ranges)?;
                push_varint(&mut program, offsets[*target]);
            }
        }
        if program.len() > MAX_PROGRAM {
            return Err(unsupported(format!(
                "repetitions whose DFA takes {} bytes (more than {MAX_PROGRAM}: a count of a class that \
                 overlaps what follows multiplies states)",
                program.len()
            )));
        }
        if next == offsets {
            // A pattern that matches nothing: a state with no way out that does not accept.
            return Ok(if program.is_empty() { vec![0, 0] } else { program });
        }
        offsets = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the DFA (the tests of the main crate run the programs).
    fn dfa_matches(dfa: &Dfa, s: &str) -> bool {
        let mut state = 0;
        for c in s.chars().map(u32::from) {
            let atom = dfa.atoms.iter().position(|&(lo, hi)| (lo..=hi).contains(&c)).unwrap();
            state = dfa.next[state][atom];
        }
        dfa.accepts[state]
    }

    /// Every pattern of every service's model (each `model/*/service-2.json`).
    fn model_patterns() -> BTreeSet<String> {
        // From the generator's directory, or the main crate's (tests/patterns.rs includes this file).
        let root = ["..", "."]
            .map(|dir| format!("{}/{dir}", env!("CARGO_MANIFEST_DIR")))
            .into_iter()
            .find(|root| std::path::Path::new(&format!("{root}/model/cleanroomsml")).exists())
            .unwrap();
        let mut patterns = BTreeSet::new();
        for dir in std::fs::read_dir(format!("{root}/model")).unwrap() {
            let Ok(text) = std::fs::read_to_string(dir.unwrap().path().join("service-2.json")) else { continue };
            let model: serde_json::Value = serde_json::from_str(&text).unwrap();
            let shapes = model["shapes"].as_object().unwrap();
            patterns.extend(shapes.values().filter_map(|s| s["pattern"].as_str()).map(str::to_owned));
        }
        patterns
    }

    #[test]
    fn every_model_pattern_compiles() {
        let patterns = model_patterns();
        assert_eq!(patterns.len(), 30 + 44 - 9, "Clean Rooms ML's 30 and Clean Rooms' 44, nine of them in both");
        for pattern in &patterns {
            let program = program(pattern).unwrap_or_else(|e| panic!("{pattern:?} {e}"));
            assert!(!program.is_empty(), "{pattern:?}");
        }
    }

    #[test]
    fn refusals_name_the_shape_and_the_construct() {
        let refused = [
            (r"(a)\1", r"uses a back-reference `\1`, which the generator does not compile"),
            (r"\p{NotAProperty}+", r"has `\p{NotAProperty}`, which names no Unicode property"),
            (r"\pL", r"has a `\p` without `{…}`"),
            (r"\bx", r"uses a word boundary `\b`"),
            (r"(?<=a)b", "uses a look-behind `(?<=`"),
            (r"(?<!a)b", "uses a look-behind `(?<!`"),
            (r"(?i)a", "uses a group modifier or inline flags `(?…`"),
            (r"a*+", "uses a possessive quantifier"),
            (r"[a[b]]", "uses a `[` in a class"),
            (r"[a-z&&[^b]]", "uses `&&` in a class"),
            (r"[]a]", "uses an empty class"),
            (r"[\d-z]", "uses a range with a class escape"),
            (r"\k<x>", "uses a named back-reference"),
            (r"\cA", "uses a control escape"),
            (r"\A", r"uses the escape `\A`"),
            (r"(?!(?!a))", "uses a look-ahead inside a look-ahead"),
            (r"a(", "has an unclosed `(`"),
            (r"a)", "has an unmatched `)`"),
            (r"[a-", "has an unterminated class"),
            (r"*a", "has `*` with nothing to repeat"),
            (r"a**", "has `*` with nothing to repeat"),
            (r"a{3,1}", "has `{3,1}` with its bounds out of order"),
            (r"a{x}", "has a `{` that starts no `{n,m}`"),
            (r"[z-a]", "has a range `\\u{7A}-\\u{61}` out of order"),
            (r"(?=a)*", "has a quantifier after an assertion"),
            (r"\u12", r"has a `\u` without four hex digits"),
            (r"a\", r"has a lone `\` at the end"),
            (r"a{0,100000}", "uses repetitions that need more than"),
        ];
        for (pattern, why) in refused {
            let err = program(pattern).unwrap_err();
            assert!(err.contains(why), "{pattern}: {err}");
        }
    }

    #[test]
    fn constructs_beyond_the_model() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("[^a-c]+", &["d", "xyz", "é"], &["", "a", "xa"]),
            ("(?:ab|c)*?d", &["d", "abcd", "cabd"], &["ab", "abd d"]),
            ("x{2,}", &["xx", "xxxx"], &["x", ""]),
            (r"\x41\u{1F600}\uD83D\uDE00", &["A😀😀"], &["A"]),
            ("^a$|b", &["a", "b"], &["ab", ""]),
            ("a$b?", &["a"], &["ab"]),
            ("a(?!bc)[a-z]*", &["a", "ab", "abd", "acbc"], &["abc", "abcd"]),
            ("(?=.*[0-9])(?=.*[a-z])[a-z0-9]{3,}", &["ab1", "1ab", "a1b"], &["abc", "123", "a1"]),
            ("(?!.*--)[a-z-]+", &["a-b", "-a-"], &["a--b", "--"]),
            ("(?!\\s*$).+", &["a", " a "], &["", "  ", "\u{3000}"]),
            (r"\D\W\S", &["a!x"], &["1!x", "aax", "a! "]),
            (r".", &["a", "😀", "\u{2027}"], &["\n", "\r", "\u{2028}", "\u{2029}"]),
            (r"[\uD800-\uDFFF]|x", &["x"], &["\u{FFFD}"]),
            ("(?<n>a)b", &["ab"], &["a"]),
            (r"[\p{L}\p{Pd}]+", &["a-é", "Ωж", "中文"], &["", "a_b", "1", "a b"]),
            (r"\P{N}\p{Zs}", &["a ", "-\u{3000}"], &["1 ", "a\t"]),
        ];
        for &(pattern, good, bad) in cases {
            let dfa = dfa(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}")).minimal();
            for s in good {
                assert!(dfa_matches(&dfa, s), "{pattern} matches {s:?}");
            }
            for s in bad {
                assert!(!dfa_matches(&dfa, s), "{pattern} does not match {s:?}");
            }
            program(pattern).unwrap();
        }
    }

    #[test]
    fn programs_are_small() {
        // A class repeated is one block, however many times; a literal takes a byte a
        // character (ASCII).
        assert_eq!(program("[0-9]{12}").unwrap(), b"\x40\x0C\x02\x30\x09\x80\x00");
        assert_eq!(program("abc").unwrap(), b"\x23abc\x80\x00");
        // A state: its own class (`a` keeps it), then no other target.
        assert_eq!(program("a*").unwrap(), b"\x80\x02a\x00");
        assert_eq!(program(r"[\uD800-\uDFFF]").unwrap(), b"\x00\x00", "lone surrogates match nothing");
        // The start, 299 states alike, the last: three blocks of `\S`'s class (three ASCII
        // ranges: a 16-byte bitmap each, then the ranges beyond ASCII).
        assert_eq!(program(r"\S{1,300}").unwrap(), program(r"\S\S{0,299}").unwrap());
        assert!(program(r"\S{1,300}").unwrap().len() < 150);
    }
}
