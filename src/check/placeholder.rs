//! Placeholders: text standing where content should be (the lists are in
//! [`super::data::placeholders`]). One implementation for the build and for `zhanqun check`:
//!
//! - **Pages**, by their *meaningful length* (letters, digits and CJK characters left after
//!   dropping white space, punctuation, Markdown syntax, HTML tags and comments, entities, link
//!   targets and heading attributes). A body is *empty* when that length is 0 and it has no link,
//!   image, embedded object or attachment; it is a *placeholder* when it is one of the whole-body
//!   placeholders (`正文。`), or holds a placeholder and fewer than [`MIN_MEANINGFUL`] other
//!   meaningful characters (a normal page that mentions 暂无信息 in a sentence has more). A
//!   title is a placeholder when it is one (`标题`) or holds a fill-in prompt (`请填写标题`).
//!   The build refuses a page whose title or body is template text or that still holds the line
//!   `zhanqun new` leaves (rule `unfinished`); a page saying it has no content yet (建设中) is
//!   published, and `zhanqun check` counts it as blank content.
//! - **Values** inside a written page, outside code: example addresses (`example.gov.cn`),
//!   all-zero registration numbers and fill-in prompts — a build warning (`placeholder-text`).
//! - **Furniture**: the settings every footer shows (`sites/*.yaml`, `zhanqun.yaml`) still
//!   holding example values (`0000000001`, `京ICP备00000000号`, 请填写地址) — a build warning
//!   (`furniture-placeholder`), so that a new cluster from `zhanqun init` builds.

use super::data::placeholders::{
    BODIES, CLUSTER_NAMES, EXAMPLE_DOMAINS, FIELD_END, FILL_IN, INSTRUCTION_WORDS, PROMPT_FIELD_MAX, PROMPT_OPENERS,
    PROMPTS_ASK, PROMPTS_HERE, SENTENCE_END, STATUS, TITLE_PUNCTUATION, TITLES, ZERO_NUMBERS,
};
use crate::diagnostic::{Diagnostic, Diagnostics, line_of};
use crate::load::{Cluster, SiteKind};
use crate::parse::{Fences, Page};
use crate::t;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// Meaningful characters besides the placeholders below which a page is a placeholder page.
pub const MIN_MEANINGFUL: usize = 20;

/// Meaningful characters after which a body is certainly not a placeholder page.
const CAP: usize = 200;

/// Meaningful characters kept to compare a body with the whole-body placeholders.
const KEEP: usize = 16;

/// What a placeholder says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// There is no content yet (建设中, 暂无内容): a blank page for the inspection.
    Status,
    /// Template or test text nobody replaced (请填写, 正文。, lorem ipsum): never published.
    FillIn,
}

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the text searched (a prompt with the field it names).
    pub range: Range<usize>,
    /// What it says.
    pub kind: Kind,
}

/// What a page's body is, when it is not content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The line `zhanqun new` leaves is still there, at this byte offset of the text.
    Marker(usize),
    /// No text, link, image or attachment; reported at this offset (the first non-blank
    /// character, or the line closing the front matter).
    Empty(usize),
    /// Nothing but placeholder text.
    Placeholder {
        /// Offset of the first placeholder.
        at: usize,
        /// The placeholder, as written.
        text: String,
        /// Meaningful characters besides the placeholders.
        rest: usize,
        /// Template text (refused by the build) or a no-content-yet notice.
        kind: Kind,
    },
}

/// Which list each pattern of [`automaton`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Status,
    FillIn,
    Here,
    Ask,
}

fn automaton() -> &'static (AhoCorasick, Vec<Pattern>) {
    static AC: OnceLock<(AhoCorasick, Vec<Pattern>)> = OnceLock::new();
    AC.get_or_init(|| {
        let lists = [
            (STATUS, Pattern::Status),
            (FILL_IN, Pattern::FillIn),
            (PROMPTS_HERE, Pattern::Here),
            (PROMPTS_ASK, Pattern::Ask),
        ];
        let patterns: Vec<&str> = lists.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        let kinds = lists.iter().flat_map(|(l, k)| std::iter::repeat_n(*k, l.len())).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("the placeholder lists build");
        (ac, kinds)
    })
}

/// The placeholders of `s`: status and fill-in texts, and prompts with the field they name
/// (请填写地址); a prompt that is an instruction to the reader (请填写申请表后提交) is none.
pub fn hits(s: &str) -> Vec<Hit> {
    let (ac, kinds) = automaton();
    let mut out = Vec::new();
    for m in ac.find_iter(s) {
        let kind = match kinds[m.pattern().as_usize()] {
            Pattern::Status => Kind::Status,
            Pattern::FillIn => Kind::FillIn,
            Pattern::Here => {
                let field = field_after(s, m.end());
                out.push(Hit { range: m.start()..m.end() + field.len(), kind: Kind::FillIn });
                continue;
            }
            Pattern::Ask => {
                let opens =
                    s[..m.start()].chars().next_back().is_none_or(|c| c.is_whitespace() || PROMPT_OPENERS.contains(&c));
                let field = field_after(s, m.end());
                let sentence = s[m.end()..].split(SENTENCE_END).next().unwrap_or("");
                if opens
                    && field.chars().count() <= PROMPT_FIELD_MAX
                    && !INSTRUCTION_WORDS.iter().any(|w| sentence.contains(w))
                {
                    out.push(Hit { range: m.start()..m.end() + field.len(), kind: Kind::FillIn });
                }
                continue;
            }
        };
        out.push(Hit { range: m.range(), kind });
    }
    out
}

/// The field a prompt ending at `end` names: up to the end of its sentence, trimmed, at most
/// one character more than [`PROMPT_FIELD_MAX`].
fn field_after(s: &str, end: usize) -> &str {
    let rest = &s[end..];
    let stop = rest
        .char_indices()
        .take(PROMPT_FIELD_MAX + 1)
        .find(|(_, c)| FIELD_END.contains(c))
        .map(|(i, _)| i)
        .unwrap_or_else(|| rest.char_indices().nth(PROMPT_FIELD_MAX + 1).map_or(rest.len(), |(i, _)| i));
    rest[..stop].trim_end()
}

/// What the body of `text` (from byte `body_offset`) is, when it is not content; `attachments`
/// is true when the front matter lists attachments (the page's content).
pub fn body(text: &str, body_offset: usize, attachments: bool) -> Option<Body> {
    let body_offset = body_offset.min(text.len());
    let body = &text[body_offset..];
    if let Some(at) = body.find(&format!("<!-- {}", crate::check::data::placeholders::UNFINISHED_MARKER)) {
        return Some(Body::Marker(body_offset + at));
    }
    let scan = meaningful(body, CAP);
    if scan.count >= CAP {
        return None;
    }
    if scan.count == 0 {
        if scan.media || attachments {
            return None;
        }
        let at = match body.find(|c: char| !c.is_whitespace()) {
            Some(i) => body_offset + i,
            // The line closing the front matter.
            None => text[..body_offset].trim_end_matches(['\n', '\r']).rfind('\n').map_or(0, |i| i + 1),
        };
        return Some(Body::Empty(at));
    }
    if let Some(whole) = BODIES.iter().find(|b| **b == scan.kept) {
        let at = body_offset + scan.first;
        return Some(Body::Placeholder { at, text: (*whole).to_owned(), rest: 0, kind: Kind::FillIn });
    }
    let found = hits(body);
    let first = found.first()?;
    let placeholder_chars: usize = found.iter().map(|h| meaningful(&body[filler_extent(body, h)], CAP).count).sum();
    let rest = scan.count - placeholder_chars.min(scan.count);
    (rest < MIN_MEANINGFUL).then(|| Body::Placeholder {
        at: body_offset + first.range.start,
        text: body[first.range.clone()].to_owned(),
        rest,
        kind: if found.iter().any(|h| h.kind == Kind::FillIn) { Kind::FillIn } else { Kind::Status },
    })
}

/// The text a placeholder stands for: its own range, and for a Latin filler (`lorem ipsum`)
/// the rest of its Latin passage too (`dolor sit amet, consectetur…`, up to the first
/// character that is not ASCII or a blank line), which is filler as well, not content.
fn filler_extent(s: &str, hit: &Hit) -> Range<usize> {
    if hit.kind != Kind::FillIn || !s[hit.range.clone()].is_ascii() {
        return hit.range.clone();
    }
    let rest = &s[hit.range.end..];
    let non_ascii = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
    let paragraph = rest[..non_ascii].find("\n\n").or_else(|| rest[..non_ascii].find("\n\r\n"));
    hit.range.start..hit.range.end + paragraph.unwrap_or(non_ascii)
}

/// The placeholder a title is (`标题`) or holds (`请填写标题`, `lorem ipsum`), if any.
pub fn title(title: &str) -> Option<String> {
    let trimmed = title.trim_matches(|c: char| c.is_whitespace() || is_punctuation(c));
    let lower = trimmed.to_ascii_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return Some(trimmed.to_owned());
    }
    hits(trimmed).into_iter().find(|h| h.kind == Kind::FillIn).map(|h| trimmed[h.range].to_owned())
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || TITLE_PUNCTUATION.contains(c)
}

/// Placeholder values in the prose of the body of `text` (from `body_offset`; code blocks,
/// inline code and HTML comments are not prose): example addresses, all-zero registration
/// numbers and fill-in prompts, as (byte offset in `text`, the value). Empty for a page that
/// is a placeholder as a whole ([`body`] reports it).
pub fn values(text: &str, body_offset: usize) -> Vec<(usize, String)> {
    let body_offset = body_offset.min(text.len());
    let mut out = Vec::new();
    // Most bodies hold none of the patterns anywhere: one search of the whole body each saves
    // cutting it into prose and searching line by line (a pattern found within a line is
    // found within the body).
    if !may_hold_values(&text[body_offset..]) {
        return out;
    }
    for r in prose(&text[body_offset..]) {
        let r = body_offset + r.start..body_offset + r.end;
        let s = &text[r.clone()];
        out.extend(example_domains(s).into_iter().map(|d| (r.start + d.start, s[d].to_owned())));
        out.extend(zero_numbers(s).into_iter().map(|d| (r.start + d.start, s[d].to_owned())));
        out.extend(
            hits(s)
                .into_iter()
                .filter(|h| h.kind == Kind::FillIn)
                .map(|h| (r.start + h.range.start, s[h.range].to_owned())),
        );
    }
    out.sort();
    out
}

/// False when `s` holds no example domain, all-zero number nor placeholder text anywhere:
/// then [`values`] finds none in any of its lines.
fn may_hold_values(s: &str) -> bool {
    any_value_automaton().is_match(s)
}

/// Every pattern of the three automata [`values`] searches with, in one: a body is scanned once
/// instead of three times (the bodies are most of what a build reads). Case is ignored for all
/// of them, which only widens the test.
fn any_value_automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let patterns = EXAMPLE_DOMAINS.iter().chain(ZERO_NUMBERS).chain(STATUS).chain(FILL_IN).chain(PROMPTS_HERE);
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns.chain(PROMPTS_ASK))
            .expect("the placeholder value lists build")
    })
}

fn example_domain_automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(EXAMPLE_DOMAINS)
            .expect("the example domains build")
    })
}

/// Example domains in `s` that stand as a domain (not part of a longer name).
fn example_domains(s: &str) -> Vec<Range<usize>> {
    let ac = example_domain_automaton();
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    ac.find_iter(s)
        .filter(|m| !s[..m.start()].chars().next_back().is_some_and(name_char))
        .filter(|m| !s[m.end()..].chars().next().is_some_and(name_char))
        .map(|m| {
            // The whole host: `www.example.gov.cn`, `webmaster@example.gov.cn`.
            let start = s[..m.start()]
                .rfind(|c: char| !(name_char(c) || c == '.' || c == '@' || c == '_'))
                .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
            start..m.end()
        })
        .collect()
}

/// All-zero registration numbers in `s` (`ICP备00000000`).
fn zero_numbers(s: &str) -> Vec<Range<usize>> {
    zero_number_automaton().find_iter(s).map(|m| m.range()).collect()
}

/// One automaton for all the numbers instead of a substring search per number and line.
fn zero_number_automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(ZERO_NUMBERS)
            .expect("the zero record numbers build")
    })
}

/// The prose of a Markdown body: byte ranges outside fenced code blocks, inline code spans and
/// HTML comments.
fn prose(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut fences = Fences::default();
    let mut in_comment = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if !in_comment && !fences.is_prose(line.trim_start()) {
            continue;
        }
        let mut i = 0;
        let mut from = 0;
        let b = line.as_bytes();
        while i < b.len() {
            if in_comment {
                match line[i..].find("-->") {
                    Some(j) => {
                        in_comment = false;
                        i += j + 3;
                        from = i;
                    }
                    None => {
                        i = b.len();
                        from = i;
                    }
                }
                continue;
            }
            if b[i..].starts_with(b"<!--") {
                out.push(start + from..start + i);
                in_comment = true;
                i += 4;
                continue;
            }
            if b[i] == b'`' {
                let ticks = line[i..].bytes().take_while(|&c| c == b'`').count();
                let fence = &line[i..i + ticks];
                if let Some(j) = line[i + ticks..].find(fence) {
                    out.push(start + from..start + i);
                    i += ticks + j + ticks;
                    from = i;
                    continue;
                }
                i += ticks;
                continue;
            }
            i += 1;
        }
        if !in_comment {
            out.push(start + from..start + line.len());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// What [`meaningful`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scan {
    /// Meaningful characters, up to the cap.
    count: usize,
    /// A link, image or embedded object was seen.
    media: bool,
    /// The first [`KEEP`] meaningful characters, ASCII in lower case.
    kept: String,
    /// Byte offset of the first meaningful character.
    first: usize,
}

/// Counts the meaningful characters of Markdown `s` (letters, digits, CJK), skipping HTML tags
/// and comments, entities, link targets `](…)` and attributes `{#…}`; stops at `cap`.
fn meaningful(s: &str, cap: usize) -> Scan {
    let b = s.as_bytes();
    let mut scan = Scan { count: 0, media: false, kept: String::new(), first: 0 };
    let mut i = 0;
    while i < b.len() && scan.count < cap {
        let c = b[i];
        let skip_to = |from: usize, end: &str| s[from..].find(end).map(|j| from + j + end.len());
        let next = match c {
            b'<' if s[i..].starts_with("<!--") => skip_to(i, "-->"),
            b'<' if b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/') => {
                let end = skip_to(i, ">");
                if end.is_some() {
                    let name: String = s[i + 1..]
                        .bytes()
                        .take_while(u8::is_ascii_alphanumeric)
                        .map(|x| x.to_ascii_lowercase() as char)
                        .collect();
                    scan.media |= matches!(
                        name.as_str(),
                        "a" | "img" | "video" | "audio" | "iframe" | "embed" | "object" | "source" | "http" | "https"
                    );
                }
                end
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                scan.media = true;
                skip_to(i, ")")
            }
            b'{' if matches!(b.get(i + 1), Some(b'#' | b'.')) => skip_to(i, "}"),
            b'&' => {
                let n = b[i + 1..].iter().take(10).take_while(|x| x.is_ascii_alphanumeric() || **x == b'#').count();
                (n > 0 && b.get(i + 1 + n) == Some(&b';')).then_some(i + n + 2)
            }
            _ => None,
        };
        if let Some(n) = next {
            i = n;
            continue;
        }
        let ch = s[i..].chars().next().expect("i is on a character boundary");
        if is_meaningful(ch) {
            if scan.count == 0 {
                scan.first = i;
            }
            if scan.count < KEEP {
                scan.kept.push(ch.to_ascii_lowercase());
            }
            scan.count += 1;
        }
        i += ch.len_utf8();
    }
    scan
}

/// Letters, digits and CJK characters; the common ranges without a table lookup.
fn is_meaningful(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{4e00}'..='\u{9fff}' => true,
        '\u{3000}'..='\u{3006}' | '\u{3008}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The build's verdict on one page: an error (`unfinished`) when it still holds the line
/// `zhanqun new` leaves, or its title or body is template text; otherwise the warnings about
/// placeholder values in its text (`placeholder-text`).
pub fn page(p: &Page, text: &str) -> Result<Vec<Diagnostic>, Diagnostic> {
    let unfinished =
        |message: String, at: usize, help: String| Diagnostic::error(&p.src, "unfinished", message).at(at).help(help);
    let marker = crate::check::data::placeholders::UNFINISHED_MARKER;
    let verdict = body(text, p.body_offset, !p.meta.attachments.is_empty());
    if let Some(Body::Marker(at)) = verdict {
        return Err(unfinished(
            t!("render-unfinished"),
            line_of(text, at),
            t!("render-unfinished-help", marker = marker),
        ));
    }
    if let Some(found) = title(&p.meta.title) {
        return Err(unfinished(
            t!("check-unfinished-title", text = found),
            p.meta.line("title").unwrap_or(1),
            t!("check-unfinished-title-help"),
        ));
    }
    match verdict {
        Some(Body::Placeholder { at, text: found, kind: Kind::FillIn, .. }) => Err(unfinished(
            t!("check-unfinished-body", text = found),
            line_of(text, at),
            t!("check-unfinished-body-help"),
        )),
        Some(Body::Placeholder { .. }) => Ok(Vec::new()),
        _ => Ok(values(text, p.body_offset)
            .into_iter()
            .map(|(at, value)| {
                Diagnostic::warning(&p.src, "placeholder-text", t!("check-placeholder-text", text = value))
                    .at(line_of(text, at))
                    .help(t!("check-placeholder-text-help"))
            })
            .collect()),
    }
}

/// One example value left in the settings every footer shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FurniturePlaceholder {
    /// Index of the site whose footer shows it (the portal for `zhanqun.yaml`).
    pub site: usize,
    /// The settings file, relative to the cluster root.
    pub file: std::path::PathBuf,
    /// The line of the key, when found.
    pub line: Option<usize>,
    /// The key, as `contact.phone` for nested ones.
    pub key: String,
    /// The value as written.
    pub value: String,
}

/// Example values in `zhanqun.yaml` and `sites/*.yaml`: all-zero 网站标识码, organisation
/// code, ICP and 公安 numbers, example addresses, fill-in prompts, the name `init` writes.
pub fn furniture(cluster: &Cluster) -> Vec<FurniturePlaceholder> {
    let mut out = Vec::new();
    let read = |rel: &Path| std::fs::read_to_string(cluster.root.join(rel)).unwrap_or_default();
    let mut push = |site: usize, file: &Path, text: &str, key: &str, value: &str| {
        let leaf = key.rsplit('.').next().unwrap_or(key);
        out.push(FurniturePlaceholder {
            site,
            file: file.to_path_buf(),
            line: crate::load::line_of_value(text, leaf, value),
            key: key.to_owned(),
            value: value.to_owned(),
        });
    };
    let config = Path::new("zhanqun.yaml");
    let text = read(config);
    let cfg = &cluster.config;
    if CLUSTER_NAMES.contains(&cfg.name.trim()) || text_placeholder(&cfg.name) {
        push(0, config, &text, "name", &cfg.name);
    }
    for (key, value) in [("domain", cfg.domain.as_deref().unwrap_or("")), ("base_url", cfg.base_url.as_str())] {
        if !example_domains(value).is_empty() {
            push(0, config, &text, key, value);
        }
    }
    for (s, site) in cluster.sites.iter().enumerate() {
        let text = read(&site.file);
        let mut check = |key: &str, value: &str, bad: bool| {
            if bad {
                push(s, &site.file, &text, key, value);
            }
        };
        // An inherited 网站标识码 is reported where it is written, in the portal's file.
        let own_code = site.kind == SiteKind::Portal || text.lines().any(|l| l.trim_start().starts_with("site_code"));
        check("site_code", &site.site_code, own_code && zero_site_code(&site.site_code));
        check("org_code", &site.org_code, zero_org_code(&site.org_code));
        check("icp", &site.icp, zero_digits(&site.icp));
        check("psb", &site.psb, zero_digits(&site.psb));
        let c = &site.contact;
        for (key, value) in [
            ("contact.address", &c.address),
            ("contact.phone", &c.phone),
            ("contact.postcode", &c.postcode),
            ("contact.email", &c.email),
        ] {
            if let Some(v) = value {
                check(key, v, text_placeholder(v) || zero_digits(v) || !example_domains(v).is_empty());
            }
        }
        for (key, value) in [("name", Some(&site.name)), ("organizer", site.organizer.as_ref())] {
            if let Some(v) = value {
                check(key, v, text_placeholder(v));
            }
        }
        if text.lines().any(|l| l.trim_start().starts_with("sponsor")) {
            check("sponsor", &site.sponsor, text_placeholder(&site.sponsor));
        }
        if let Some(d) = &site.description {
            check("description", d, text_placeholder(d) || !example_domains(d).is_empty());
        }
        for (key, value) in [("conac_url", &site.conac_url), ("psb_url", &site.psb_url)] {
            check(key, value, !example_domains(value).is_empty());
        }
    }
    out
}

/// A settings value holding a fill-in prompt or a placeholder text (请填写地址, 暂无).
fn text_placeholder(v: &str) -> bool {
    !hits(v).is_empty() || TITLES.contains(&v.trim().to_ascii_lowercase().as_str())
}

/// A 网站标识码 whose division code is 000000 (`0000000001`, `bm00000000`).
fn zero_site_code(code: &str) -> bool {
    code.starts_with("000000") || code == "bm00000000"
}

/// An organisation code of zeros: 9 zeros, or a unified social credit code whose division
/// code (characters 3–8) is 000000 (`11000000MB0000000X`).
fn zero_org_code(code: &str) -> bool {
    let code = code.trim();
    (code.len() == 9 && code.bytes().all(|b| b == b'0')) || (code.len() == 18 && code.get(2..8) == Some("000000"))
}

/// A value whose digits are all zeros (`京ICP备00000000号`, `0000-00000000`).
fn zero_digits(v: &str) -> bool {
    let mut digits = v.chars().filter(char::is_ascii_digit).peekable();
    digits.peek().is_some() && digits.all(|d| d == '0')
}

/// The build's warnings for [`furniture`].
pub(super) fn furniture_warnings(cluster: &Cluster, diags: &mut Diagnostics) {
    for f in furniture(cluster) {
        diags.push(
            Diagnostic::warning(
                &f.file,
                "furniture-placeholder",
                t!("check-furniture-placeholder", key = f.key.as_str(), value = f.value.as_str()),
            )
            .at_opt(f.line)
            .help(furniture_help(&f.key)),
        );
    }
}

/// How to fix an example value of `key`.
pub fn furniture_help(key: &str) -> String {
    match key {
        "site_code" => t!("check-furniture-placeholder-site-code-help"),
        "org_code" => t!("check-furniture-placeholder-org-code-help"),
        "icp" => t!("check-furniture-placeholder-icp-help"),
        "psb" => t!("check-furniture-placeholder-psb-help"),
        "contact.email" => t!("check-furniture-placeholder-email-help"),
        "domain" | "base_url" | "conac_url" | "psb_url" => {
            t!("check-furniture-placeholder-address-help", key = key)
        }
        _ => t!("check-furniture-placeholder-help", key = key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "---\ntitle: 通知公告\ndate: 2026-03-01\n---\n";

    fn verdict(body_text: &str) -> Option<Body> {
        body(&format!("{HEAD}{body_text}"), HEAD.len(), false)
    }

    fn line(b: &str, at: usize) -> usize {
        line_of(&format!("{HEAD}{b}"), at)
    }

    #[test]
    fn empty_bodies_are_found_at_the_closing_line_or_first_character() {
        assert_eq!(verdict(""), Some(Body::Empty(HEAD.len() - 4)));
        assert_eq!(verdict("\n\n  \n"), Some(Body::Empty(HEAD.len() - 4)));
        let b = "\n<p>&nbsp;</p>\n";
        let Some(Body::Empty(at)) = verdict(b) else { panic!() };
        assert_eq!(line(b, at), 6);
        assert_eq!(body(HEAD, HEAD.len(), true), None);
        assert_eq!(verdict("\n![](/img/org-chart.png)\n"), None);
        assert_eq!(verdict("\n<img src=\"a.png\">\n"), None);
    }

    fn placeholder(b: &str) -> (usize, String, Kind) {
        match verdict(b) {
            Some(Body::Placeholder { at, text, kind, .. }) => (line(b, at), text, kind),
            other => panic!("{b:?}: {other:?}"),
        }
    }

    #[test]
    fn status_and_fill_in_bodies() {
        assert_eq!(placeholder("\n本栏目正在建设中，敬请期待！\n"), (6, "正在建设中".into(), Kind::Status));
        assert_eq!(placeholder("\n## 说明\n\n暂无内容\n"), (8, "暂无内容".into(), Kind::Status));
        assert_eq!(placeholder("\nLorem ipsum dolor sit amet.\n"), (6, "Lorem ipsum".into(), Kind::FillIn));
        // The whole Latin passage is filler, however long.
        let lorem = "\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut \
                     labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.\n";
        assert_eq!(placeholder(lorem), (6, "Lorem ipsum".into(), Kind::FillIn));
        assert_eq!(placeholder("\n正文。\n"), (6, "正文".into(), Kind::FillIn));
        assert_eq!(placeholder("\n**正文**\n"), (6, "正文".into(), Kind::FillIn));
        assert_eq!(
            placeholder("\n请在此填写本机构的主要职责。\n"),
            (6, "请在此填写本机构的主要职责".into(), Kind::FillIn)
        );
        assert_eq!(placeholder("\n地址：请填写地址\n\n电话：请填写电话\n"), (6, "请填写地址".into(), Kind::FillIn));
        let marker = format!("\n<!-- {} 写正文 -->\n", crate::check::data::placeholders::UNFINISHED_MARKER);
        assert_eq!(verdict(&marker), Some(Body::Marker(HEAD.len() + 1)));
    }

    #[test]
    fn real_pages_are_not_placeholders() {
        // Real content after a Latin filler is still content.
        assert_eq!(
            verdict(
                "\nLorem ipsum dolor sit amet.\n\n本局按照县委县政府部署，扎实推进各项重点工作，群众满意度持续提升。\n"
            ),
            None
        );
        assert_eq!(verdict("\n经核查，本季度暂无信息公开申请被行政复议或提起行政诉讼的情况，特此说明。\n"), None);
        assert_eq!(
            verdict("\n新建的便民服务中心正在建设，预计年底前投入使用，届时将提供社保、医保、不动产登记等服务。\n"),
            None
        );
        assert_eq!(verdict("\n详见附件。\n"), None);
        // A form instruction is not a fill-in, even in a short body.
        assert_eq!(verdict("\n请填写申请表后提交。\n"), None);
        assert_eq!(verdict("\n报名时请填写身份证号。\n"), None);
        assert_eq!(verdict("\n正文见附件。\n"), None);
    }

    #[test]
    fn prompts() {
        let found = |s: &str| hits(s).into_iter().map(|h| s[h.range].to_owned()).collect::<Vec<_>>();
        assert_eq!(found("地址：请填写地址"), ["请填写地址"]);
        assert_eq!(found("（请填写）"), ["请填写"]);
        assert_eq!(found("请填写申请表后提交"), Vec::<String>::new());
        assert_eq!(found("请如实填写"), Vec::<String>::new());
        assert_eq!(found("请填写您的姓名"), Vec::<String>::new());
        assert_eq!(found("报名方式：请填写姓名、电话和单位发送至邮箱。"), Vec::<String>::new());
        assert_eq!(found("请填写地址、电话"), ["请填写地址"]);
        assert_eq!(found("办理时请填写一份很长很长很长很长很长很长的说明文字"), Vec::<String>::new());
        assert_eq!(found("此处填写单位全称，不超过二十字"), ["此处填写单位全称"]);
    }

    #[test]
    fn titles() {
        assert_eq!(title("标题").as_deref(), Some("标题"));
        assert_eq!(title(" 新建页面 ").as_deref(), Some("新建页面"));
        assert_eq!(title("Untitled").as_deref(), Some("Untitled"));
        assert_eq!(title("请填写标题").as_deref(), Some("请填写标题"));
        assert_eq!(title("关于请填写2026年度统计报表的通知"), None);
        assert_eq!(title("县政府召开标题党治理专题会议"), None);
        assert_eq!(title("测试县人民政府2026年工作要点"), None);
    }

    #[test]
    fn values_outside_code() {
        let text = format!(
            "{HEAD}\n联系邮箱：webmaster@example.gov.cn，网址 https://www.example.org/a 。\n\n```\ncurl https://example.gov.cn/\n```\n\n配置 `domain: example.gov.cn` 即可。<!-- example.com -->\n备案号：京ICP备00000000号\n我们的网站 myexample.com 不是示例。\n"
        );
        let found: Vec<(usize, String)> =
            values(&text, HEAD.len()).into_iter().map(|(at, v)| (line_of(&text, at), v)).collect();
        assert_eq!(
            found,
            [
                (6, "webmaster@example.gov.cn".to_owned()),
                (6, "www.example.org".to_owned()),
                (13, "ICP备00000000".to_owned())
            ]
        );
    }

    #[test]
    fn a_body_without_any_pattern_is_not_cut_into_lines() {
        assert!(!may_hold_values("\n围绕县委、县政府决策部署，各部门持续优化营商环境。\n\n咨询电话：0851-2528137\n"));
        for found in ["网址 www.Example.COM 。", "京ICP备00000000号", "联系电话：请填写电话"] {
            assert!(may_hold_values(&format!("\n正文。\n{found}\n")), "{found}");
            assert!(!values(&format!("{HEAD}\n正文。\n{found}\n"), HEAD.len()).is_empty(), "{found}");
        }
    }

    #[test]
    fn the_one_pass_test_finds_every_pattern_the_searches_look_for() {
        let lists = [EXAMPLE_DOMAINS, ZERO_NUMBERS, STATUS, FILL_IN, PROMPTS_HERE, PROMPTS_ASK];
        for pattern in lists.iter().flat_map(|l| l.iter()) {
            assert!(may_hold_values(&format!("正文{pattern}正文")), "{pattern}");
            assert!(may_hold_values(&pattern.to_uppercase()), "{pattern}");
        }
    }

    #[test]
    fn zero_codes() {
        assert!(zero_site_code("0000000001") && zero_site_code("bm00000000") && !zero_site_code("5203300001"));
        assert!(zero_org_code("11000000MB0000000X") && zero_org_code("000000000"));
        assert!(!zero_org_code("000014349") && !zero_org_code("11520330MB1730208C"));
        assert!(zero_digits("京ICP备00000000号") && zero_digits("京公网安备 00000000000000号"));
        assert!(!zero_digits("黔ICP备17003300号-1") && !zero_digits("请填写电话"));
    }
}
