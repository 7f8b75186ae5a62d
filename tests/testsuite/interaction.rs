//! 互动交流 end to end: published letters with their replies, the portal's monthly report
//! (通报) with working-day arithmetic over a configured holiday and make-up day, interviews
//! rendered as a dialogue, and clear build errors for letters whose fields disagree.

use crate::common;

use common::{build, build_ok, fixture, read};
use std::path::Path;

const TODAY: &str = "2024-10-10";

/// The basic fixture with a 县长信箱 (interaction) and 在线访谈 (interview) column, the 2024
/// National Day holiday and its make-up Saturday.
fn cluster() -> tempfile::TempDir {
    let tmp = fixture("basic");
    let root = tmp.path();
    let columns = std::fs::read_to_string(root.join("columns.yaml")).unwrap().replace(
        "    - id: zxft\n      name: 在线访谈\n      kind: news\n",
        "    - id: xzxx\n      name: 县长信箱\n      kind: interaction\n      sites: [portal]\n    \
         - id: zxft\n      name: 在线访谈\n      kind: interview\n",
    );
    std::fs::write(root.join("columns.yaml"), columns).unwrap();
    let mut cfg = std::fs::read_to_string(root.join("zhanqun.yaml")).unwrap();
    cfg.push_str(
        "interaction:\n  limits: {咨询: 3, 投诉: 7}\n  holidays: [\"2024-10-01..2024-10-07\"]\n  workdays: [\"2024-10-12\"]\n",
    );
    std::fs::write(root.join("zhanqun.yaml"), cfg).unwrap();
    // Received Monday 09-30, answered 10-08: the holiday week is not counted, one working day.
    letter(
        root,
        "2024-09-30-a",
        "学位咨询",
        "received: 2024-09-30\ncategory: 咨询\nassigned: jyj\nreplied: 2024-10-08\n",
        true,
    );
    // 09-25 → 10-09: 26, 27, 30, 10-08, 10-09 = 5 working days, over the limit of 3.
    letter(
        root,
        "2024-09-25-b",
        "教材咨询",
        "received: 2024-09-25\ncategory: 咨询\nassigned: 测试县教育局\nreplied: 2024-10-09\n",
        true,
    );
    // A complaint received 09-27, unanswered on 10-10: 30, 10-08, 09, 10 = 4 of 7 days.
    letter(root, "2024-09-27-c", "噪音投诉", "received: 2024-09-27\ncategory: 投诉\n", false);
    // A consultation from August, answered the next working day.
    letter(
        root,
        "2024-08-30-d",
        "八月咨询",
        "received: 2024-08-30\n来信类别: 咨询\n办理单位: jyj\n回复日期: 2024-09-02\n",
        true,
    );
    let dir = root.join("content/portal/hdjl/zxft");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2024-09-20-fangtan.md"),
        "---\ntitle: 访谈\ndate: 2024-09-20\nguests: [县教育局局长 张三]\ntime: 2024-09-20 10:00\n---\n\n\
         **主持人**：欢迎张局长。\n\n**张三**：谢谢大家。\n\n注意：这一段不是发言。\n",
    )
    .unwrap();
    tmp
}

fn letter(root: &Path, slug: &str, title: &str, fields: &str, reply: bool) {
    let dir = root.join("content/portal/hdjl/xzxx");
    std::fs::create_dir_all(&dir).unwrap();
    let reply = if reply { "\n## 回复\n\n您好，已办理。\n" } else { "" };
    let text = format!("---\ntitle: {title}\ndate: 2024-10-09\n{fields}---\n\n## 来信内容\n\n请问{title}。\n{reply}");
    std::fs::write(dir.join(format!("{slug}.md")), text).unwrap();
}

/// The text of `<main>` with tags removed and whitespace collapsed.
fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_monthly_report_counts_working_days_per_department() {
    let tmp = cluster();
    let out = tmp.path().join("public");
    build_ok(tmp.path(), &["--today", TODAY]);
    let sept = read(&out, "hdjl/xzxx/tb/2024-09/index.html");
    let text = main_text(&sept);
    // dept, received, answered, on time, average working days, overdue, pending, rate.
    assert!(text.contains("测试县教育局 2 2 1 3.0 1 0 50.0%"), "{text}");
    assert!(text.contains("测试县人民政府 1 0 0 — 0 1 0.0%"), "{text}");
    assert!(text.contains("合计 3 2 1 3.0 1 1 33.3%"), "{text}");
    assert!(sept.contains("<svg class=\"report-chart\" role=\"img\""), "the report carries its chart");
    assert!(sept.contains("<title id=\"report-chart-t\">2024年9月来信办理情况通报</title>"));
    let index = main_text(&read(&out, "hdjl/xzxx/tb/index.html"));
    assert!(index.contains("2024年9月 3 2 1 3.0 1 33.3%"), "{index}");
    assert!(index.contains("2024年8月 1 1 1 1.0 0 100.0%"), "{index}");
    assert!(read(&out, "hdjl/xzxx/index.html").contains("/hdjl/xzxx/tb/"), "the column links its reports");

    let a = main_text(&read(&out, "hdjl/xzxx/2024-09-30-a/index.html"));
    assert!(a.contains("办理单位 测试县教育局"), "{a}");
    assert!(a.contains("2024-10-08（用时1个工作日，时限3个工作日，按期）"), "{a}");
    assert!(a.contains("来信内容 请问学位咨询。 回复内容 您好，已办理。"), "{a}");
    let c = main_text(&read(&out, "hdjl/xzxx/2024-09-27-c/index.html"));
    assert!(c.contains("办理状态 办理中") && c.contains("该来信正在办理中"), "{c}");

    let talk = read(&out, "hdjl/zxft/2024-09-20-fangtan/index.html");
    assert!(talk.contains("<dt>访谈嘉宾</dt><dd><ul><li>县教育局局长 张三</li>"), "{talk}");
    assert!(talk.contains("<p class=\"turn turn-host\"><strong class=\"speaker\">主持人</strong>：欢迎张局长。</p>"));
    assert!(talk.contains("<p class=\"turn\"><strong class=\"speaker\">张三</strong>：谢谢大家。</p>"));
    assert!(talk.contains("<p>注意：这一段不是发言。</p>"), "a colon alone does not make a turn");
}

#[test]
fn letters_whose_fields_disagree_fail_with_file_line_and_fix() {
    for (fields, reply, says) in [
        ("received: 2024-09-30\ncategory: 咨询\nreplied: 2024-10-08\n", false, "写了回复日期，但正文里没有回复内容"),
        ("received: 2024-09-30\ncategory: 咨询\n", true, "有回复内容，但没有写回复日期"),
        ("category: 咨询\n", false, "缺少来信日期"),
        ("received: 2024-09-30\n", false, "缺少来信类别"),
        ("received: 2024-09-30\ncategory: 咨询\nreplied: 2024-09-01\n", true, "早于来信日期"),
    ] {
        let tmp = cluster();
        letter(tmp.path(), "2024-10-01-bad", "坏信", fields, reply);
        let out = build(tmp.path(), &["--today", TODAY]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{fields}");
        assert!(err.contains("content/portal/hdjl/xzxx/2024-10-01-bad.md:") && err.contains(says), "{err}");
    }
    // A letter cannot take the URL of the monthly reports.
    let tmp = cluster();
    letter(tmp.path(), "tb", "坏信", "received: 2024-09-30\ncategory: 咨询\n", false);
    let out = build(tmp.path(), &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("content/portal/hdjl/xzxx/tb.md:1") && err.contains("通报"), "{err}");
    let tmp = cluster();
    let f = tmp.path().join("content/portal/hdjl/zxft/2024-09-20-fangtan.md");
    let text = std::fs::read_to_string(&f).unwrap().replace("guests: [县教育局局长 张三]\n", "");
    std::fs::write(&f, text).unwrap();
    let out = build(tmp.path(), &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("访谈缺少嘉宾") && err.contains("嘉宾"), "{err}");
}
