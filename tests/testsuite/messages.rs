//! The message layer holds: both catalogs have the same messages with the same arguments, every
//! key the code asks for exists, and no human sentence lives in `src/` outside the catalogs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

const LANGS: [&str; 2] = ["zh-CN", "en"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Message id → the variables it uses, for every `.ftl` file of one language, by file name.
fn catalog(lang: &str) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let dir = root().join("locales").join(lang);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read ftl");
        if let Err((_, errors)) = fluent_syntax::parser::parse(text.as_str()) {
            panic!("{}: Fluent syntax errors: {errors:?}", path.display());
        }
        let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() && current.is_none() {
                continue;
            }
            if !line.starts_with(' ') && !line.trim().is_empty() {
                let id = line.split('=').next().unwrap_or("").trim().to_string();
                assert!(!messages.contains_key(&id), "{}: {id} defined twice", path.display());
                messages.insert(id.clone(), BTreeSet::new());
                current = Some(id);
            }
            if let Some(id) = &current {
                let vars = messages.get_mut(id).expect("current message");
                for (i, _) in line.match_indices('$') {
                    let name: String = line[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    vars.insert(name);
                }
            }
        }
        files.insert(path.file_name().expect("name").to_string_lossy().into_owned(), messages);
    }
    files
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_arguments() {
    let zh = catalog(LANGS[0]);
    let en = catalog(LANGS[1]);
    assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>(), "the same .ftl files in both languages");
    let mut problems = Vec::new();
    for (file, zh_msgs) in &zh {
        let en_msgs = &en[file];
        for (id, vars) in zh_msgs {
            match en_msgs.get(id) {
                None => problems.push(format!("{file}: {id} is in zh-CN, not in en")),
                Some(v) if v != vars => problems.push(format!("{file}: {id} uses {vars:?} in zh-CN, {v:?} in en")),
                Some(_) => {}
            }
        }
        for id in en_msgs.keys().filter(|id| !zh_msgs.contains_key(*id)) {
            problems.push(format!("{file}: {id} is in en, not in zh-CN"));
        }
    }
    assert!(problems.is_empty(), "catalogs differ:\n{}", problems.join("\n"));
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogs() {
    let mut ids = BTreeSet::new();
    for lang in LANGS {
        for msgs in catalog(lang).values() {
            ids.extend(msgs.keys().map(|k| format!("{lang}:{k}")));
        }
    }
    let mut missing = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (i, _) in text.match_indices("t!(\"") {
            if text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // format!( and the like
            }
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..i].trim_start().starts_with("//") {
                continue; // a comment showing how to call it
            }
            let key: String = text[i + 4..].chars().take_while(|c| *c != '"').collect();
            for lang in LANGS {
                if !ids.contains(&format!("{lang}:{key}")) {
                    missing.push(format!("{}: {key} missing in {lang}", file.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys used but not in the catalogs:\n{}", missing.join("\n"));
}

/// Source files whose string literals are data, not messages, and why.
#[rustfmt::skip]
const DATA_FILES: &[(&str, &str)] = &[
    ("src/messages/mod.rs", "the message layer itself: language codes"),
    // parse, scan
    ("src/text/keys.rs", "the front-matter keys and their Chinese aliases, and the units of review_in: words editors write"),
    ("src/text/date.rs", "date formats editors write and the 年月日 format of the website's dates"),
    ("src/parse/dialogue.rs", "interview speaker words (主持人, 网友) and the HTML of a turn"),
    ("src/parse/letter.rs", "the headings that open a letter's reply (回复, 答复…)"),
    ("src/parse/words.rs", "the 公文 part names editors write (落款, 抄送…), the leading words of a pasted 附件说明 and 抄送, and the name of a content table's scroll region on the website"),
    ("src/rewrite/words.rs", "text of the generated website pages (external-link title)"),

    // load, build, render, emit, search, commands
    ("src/load/words.rs", "site and column kind words editors write, ColumnType meta values, default letter categories and names shown on the website"),
    ("src/labels.rs", "the text of the generated website: page titles, breadcrumbs, block names, chart legends and column meta of the catalog, topics, letter reports, site maps and 404 pages"),

    // inspect, check
    ("src/inspect/names/words.rs", "data: title, office and administrative-suffix words that decide whether a near miss is a name"),
    ("src/inspect/data/indicators.rs", "the official names of the national inspection indicators: the JSON report's `indicator`, the same in every language"),
    ("src/load/data/guide_terms.rs", "service-guide vocabulary matched in Chinese pages: elements, their synonyms, placeholders"),
    ("src/inspect/data/guide_terms.rs", "the Chinese numerals a service-guide label may be numbered with"),
    ("src/check/data/placeholders.rs", "placeholder texts matched in Chinese pages and settings (建设中, 请填写, 正文, example.gov.cn…)"),
    ("src/load/data/vocabularies.rs", "the built-in 主题分类, 体裁分类 and 有效性 values the build validates and `zhanqun new` lists"),
    ("src/inspect/data/forms.rs", "written forms matched in settings and front matter: registration-number marks, review_in units, the letter category 咨询"),

    // catalog, serve, verify
    ("src/catalog/diff_csv.rs", "the CSV record auditors open in Excel: fixed Chinese header and kind labels, like catalog.csv"),
    ("src/catalog/labels.rs", "Chinese field names that are part of formats: catalog.csv header, `label` in catalog diff --json"),
    ("src/catalog/stats.rs", "values of the statistics JSON and text of the website's statistics page (未分类, 全部机构, chart title)"),
    ("src/audit/words.rs", "the review keys reviewers write in commit messages (审核:) and the fixed Chinese header and labels of `zhanqun log --format csv`"),
    ("src/catalog/git_says.rs", "git's own stderr wording, matched to recognise its errors"),
    ("src/serve/http_status.rs", "HTTP reason phrases (protocol)"),
    ("src/editor/words.rs", "the 文号 pattern (〔〕) the web editor's form validates, and git's own wording for a repository without commits"),

];

/// Macros and methods whose strings are for developers (a broken invariant), never for editors.
const DEVELOPER_MACROS: &[&str] =
    &["panic", "unreachable", "assert", "assert_eq", "assert_ne", "debug_assert", "debug_assert_eq", "todo"];
const DEVELOPER_METHODS: &[&str] = &["expect"];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// True for text a person would read: any Chinese, or three English words in a row.
fn is_sentence(s: &str) -> bool {
    if s.chars().any(is_cjk) {
        return true;
    }
    let mut run = 0;
    let mut in_braces = 0i32;
    for word in s.split(' ') {
        in_braces += word.matches('{').count() as i32 - word.matches('}').count() as i32;
        let w = word.trim_end_matches([',', '.', ';', ':', '?', '!']);
        let wordy = in_braces == 0
            && w.len() >= 2
            && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
            && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        run = if wordy { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

struct Finder<'a> {
    file: &'a str,
    found: Vec<String>,
}

impl Finder<'_> {
    fn literal(&mut self, value: &str, line: usize) {
        if is_sentence(value) {
            self.found.push(format!("{}:{line}: {value:?}", self.file));
        }
    }

    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Literal(lit) => {
                    let text = lit.to_string();
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&text) {
                        self.literal(&s.value(), lit.span().start().line);
                    }
                }
                _ => {}
            }
        }
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string().contains("test")))
    })
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test_only(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test_only(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test_only(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        // Doc comments and derive settings are for developers; `#[error("…")]` is a message.
        if a.path().is_ident("error")
            && let Ok(list) = a.meta.require_list()
        {
            self.tokens(list.tokens.clone());
        }
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.literal(&s.value(), s.span().start().line);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = m.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if !DEVELOPER_MACROS.contains(&name.as_str()) {
            self.tokens(m.tokens.clone());
        }
    }
    fn visit_expr_method_call(&mut self, c: &'ast syn::ExprMethodCall) {
        if DEVELOPER_METHODS.contains(&c.method.to_string().as_str()) {
            self.visit_expr(&c.receiver);
        } else {
            syn::visit::visit_expr_method_call(self, c);
        }
    }
}

/// Files whose messages are not all in the catalogs yet (issue 17 is being done area by area):
/// their sentences are printed, not failed on. Every other file must be clean, and a file listed
/// here that has become clean fails the test, so this list only ever shrinks.
#[rustfmt::skip]
const PENDING: &[&str] = &[
];

#[test]
fn no_human_sentence_in_src_outside_the_catalogs() {
    let base = root();
    let mut found = Vec::new();
    let mut cleaned = Vec::new();
    for file in rust_files(&base.join("src")) {
        let rel = file.strip_prefix(&base).expect("under root").to_string_lossy().replace('\\', "/");
        if DATA_FILES.iter().any(|(f, _)| *f == rel) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read source");
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let mut finder = Finder { file: &rel, found: Vec::new() };
        finder.visit_file(&ast);
        if PENDING.contains(&rel.as_str()) {
            if finder.found.is_empty() {
                cleaned.push(rel.clone());
            } else {
                eprintln!("pending ({} sentences): {rel}", finder.found.len());
            }
        } else {
            found.extend(finder.found);
        }
    }
    assert!(cleaned.is_empty(), "these files are clean now; take them off PENDING: {cleaned:?}");
    assert!(
        found.is_empty(),
        "{} human sentences in src/ outside locales/ (move them to the catalogs, or name the file in DATA_FILES \
         with the reason it is data):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn sentence_detector_tells_messages_from_codes() {
    assert!(is_sentence("cannot read the file"));
    assert!(is_sentence("缺少标题"));
    assert!(!is_sentence("text/html; charset=utf-8"));
    assert!(!is_sentence("{stage:<34} {took}"));
    assert!(!is_sentence("front-matter"));
    assert!(!is_sentence("ZHANQUN_SIGNING_KEY={}"));
}
