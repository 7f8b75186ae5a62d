//! 公文 layout end to end: a notice written with the Markdown convention (`::: 主送`,
//! `::: 附件`, `::: 落款`, `::: 抄送`) and the same notice pasted from Word as HTML come out as
//! the same 公文 parts; the paste is converted while building, with one note instead of a
//! warning per style attribute, and its source file is left as the editor wrote it.

use crate::common;

use common::{build_ok, fixture, read};

const FRONT: &str = "---\ntitle: 测试县人民政府办公室关于做好冬季防火工作的通知\ndate: 2026-11-02\n---\n\n";

const MARKDOWN: &str = "::: 主送\n各乡镇人民政府，县直各单位：\n:::\n\n现将有关事项通知如下。\n\n\
    ::: 附件\n附件：1．冬季防火工作方案\n2．责任分工表\n:::\n\n::: 落款\n测试县人民政府办公室\n2026年11月2日\n:::\n\n\
    ::: 抄送\n抄送：县委办公室。\n:::\n";

const WORD: &str = r#"<div class=WordSection1>
<p class=MsoNormal><span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'>各乡镇人民政府，县直各单位：<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt'>&nbsp;&nbsp;&nbsp;&nbsp;现将有关事项通知如下。<o:p></o:p></span></p>
<p class=MsoNormal><span>&nbsp;<o:p></o:p></span></p>
<p class=MsoNormal style='margin-left:48.0pt'><span>附件：1．冬季防火工作方案<o:p></o:p></span></p>
<p class=MsoNormal><span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2．责任分工表<o:p></o:p></span></p>
<p class=MsoNormal align=right style='text-align:right'><span>测试县人民政府办公室<o:p></o:p></span></p>
<p class=MsoNormal align=right style='text-align:right'><span>2026年11月2日<o:p></o:p></span></p>
<p class=MsoNormal><span>抄送：县委办公室。<o:p></o:p></span></p>
</div>
"#;

/// The article body of a built page.
fn body(html: &str) -> &str {
    let start = html.find("<div class=\"article-body\"").expect("article body");
    let end = html[start..].find("<nav class=\"prev-next\"").expect("prev-next") + start;
    &html[start..end]
}

/// Each 公文 part of a body: its class and its lines of text, in order.
fn parts(body: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for chunk in body.split("<div class=\"gw-").skip(1) {
        let class = chunk[..chunk.find('"').expect("class end")].to_owned();
        let inner = &chunk[chunk.find('>').expect("tag end") + 1..chunk.find("</div>").expect("div end")];
        let text = inner.replace("<br>", "\n").replace("</p>", "\n");
        let mut plain = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        out.push((class, plain.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()));
    }
    out
}

#[test]
fn a_word_paste_and_the_markdown_convention_give_the_same_gongwen_parts() {
    let tmp = fixture("basic");
    let dir = tmp.path().join("content/portal/zwdt/tzgg");
    let md = dir.join("2026-11-02-fanghuo.md");
    let word = dir.join("2026-11-03-fanghuo-word.md");
    std::fs::write(&md, format!("{FRONT}{MARKDOWN}")).expect("write markdown notice");
    let pasted = format!("{}{WORD}", FRONT.replace("2026-11-02\n", "2026-11-03\n"));
    std::fs::write(&word, &pasted).expect("write pasted notice");

    let stderr = build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    let from_md = read(&out, "zwdt/tzgg/2026-11-02-fanghuo/index.html");
    let from_word = read(&out, "zwdt/tzgg/2026-11-03-fanghuo-word/index.html");

    let want: Vec<(String, Vec<String>)> = [
        ("zhusong", vec!["各乡镇人民政府，县直各单位："]),
        ("fujian", vec!["附件：1．冬季防火工作方案", "2．责任分工表"]),
        ("luokuan", vec!["测试县人民政府办公室", "2026年11月2日"]),
        ("chaosong", vec!["抄送：县委办公室。"]),
    ]
    .into_iter()
    .map(|(c, l)| (c.to_owned(), l.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(parts(body(&from_md)), want, "{}", body(&from_md));
    assert_eq!(parts(body(&from_word)), want, "{}", body(&from_word));
    assert!(body(&from_word).contains("<p>现将有关事项通知如下。</p>"), "{}", body(&from_word));
    insta::assert_snapshot!("office_paste_body", body(&from_word));

    // One note for the paste, naming the parts it laid out; no warning per style attribute.
    let notes: Vec<&str> = stderr.lines().filter(|l| l.contains("从 Word 或 WPS 粘贴的格式")).collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(notes[0].contains("主送机关、附件说明、右对齐的落款、抄送按公文格式排版"), "{stderr}");
    assert!(!stderr.contains("style"), "style warnings are replaced by the note:\n{stderr}");
    // The source is left as the editor wrote it.
    assert_eq!(std::fs::read_to_string(&word).expect("read pasted notice"), pasted);
}
