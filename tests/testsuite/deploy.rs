//! Incremental deploys: `zhanqun manifest diff OLD NEW` lists exactly the files to upload and
//! to delete; applying that plan to a copy of the old output gives the new output, byte for byte.

use crate::common;

use common::{build_ok, copy_dir, fixture, read_tree, zhanqun};

#[test]
fn applying_the_manifest_diff_turns_the_old_output_into_the_new_one() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let old = root.join("deployed");
    build_ok(root, &["--out", old.to_str().unwrap()]);
    let host = root.join("host");
    copy_dir(&old, &host);
    // One edit, one new page, one deletion.
    let page = root.join("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n补充：检查结果将于月底通报。\n")).unwrap();
    std::fs::write(
        root.join("content/yongan/zwdt/gzdt/2026-11-19-xin.md"),
        "---\ntitle: 永安镇新消息\ndate: 2026-11-19\n---\n\n永安镇召开冬季安全生产会议。\n",
    )
    .unwrap();
    std::fs::remove_file(root.join("content/portal/zwdt/gzdt/2026-10-01-guoqing.md")).unwrap();
    let new = root.join("new");
    build_ok(root, &["--out", new.to_str().unwrap()]);

    let out = zhanqun().args(["manifest", "diff"]).arg(&old).arg(&new).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = String::from_utf8(out.stdout).unwrap();
    assert!(plan.contains("upload jyj/zwdt/gzdt/2026-11-18-anquan/index.html\n"), "{plan}");
    assert!(plan.contains("upload yongan/zwdt/gzdt/2026-11-19-xin/index.html\n"), "{plan}");
    assert!(plan.contains("delete zwdt/gzdt/2026-10-01-guoqing/index.html\n"), "{plan}");
    assert!(plan.contains("upload manifest.json\n"), "{plan}");
    assert!(!plan.contains(" 404.html\n"), "an unchanged file must not be uploaded: {plan}");
    for line in plan.lines() {
        let (op, path) = line.split_once(' ').unwrap();
        let target = host.join(path);
        match op {
            "upload" => {
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(new.join(path), &target).unwrap();
            }
            "delete" => std::fs::remove_file(&target).unwrap(),
            other => panic!("unknown operation {other}"),
        }
    }
    assert!(
        read_tree(&host) == read_tree(&new),
        "the deployed tree differs from the new build after applying the plan"
    );

    let json = zhanqun().args(["manifest", "diff", "--json"]).arg(&old).arg(&new).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["deleted"].as_array().unwrap().len(), plan.lines().filter(|l| l.starts_with("delete")).count());
    let bad = zhanqun().args(["manifest", "diff"]).arg(root.join("nope")).arg(&new).output().unwrap();
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("无法读取"));
}
