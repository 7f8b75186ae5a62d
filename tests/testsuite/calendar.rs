//! One calendar: the cluster's `timezone:` decides which day is today in build, check and new
//! (a UTC runner at 00:10 Beijing time is already on the next day); `--today` overrides it.

use crate::common;

use common::{build, fixture, zhanqun};
use std::path::Path;
use zhanqun::load::Clock;

fn set_timezone(root: &Path, tz: &str) {
    let cfg = root.join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).expect("read zhanqun.yaml");
    std::fs::write(&cfg, format!("{text}timezone: {tz}\n")).expect("write zhanqun.yaml");
}

/// A news page dated `day` (YYYY-MM-DD) in the portal.
fn page_dated(root: &Path, day: &str) -> String {
    let rel = format!("content/portal/zwdt/gzdt/{day}-jintian.md");
    std::fs::write(root.join(&rel), format!("---\ntitle: 今天的会议\ndate: {day}\n---\n\n今天召开会议。\n"))
        .expect("write");
    format!("zwdt/gzdt/{day}-jintian/index.html")
}

#[test]
fn the_clusters_time_zone_decides_what_is_published_today() {
    // UTC+14 and UTC-12 are 26 hours apart: at every instant their dates differ.
    let east = Clock::named("Pacific/Kiritimati").expect("known zone").today();
    let west = Clock::named("Etc/GMT+12").expect("known zone").today();
    assert!(east > west);
    let day = east.format("%Y-%m-%d").to_string();

    let ahead = fixture("basic");
    let page = page_dated(ahead.path(), &day);
    set_timezone(ahead.path(), "Pacific/Kiritimati");
    let out = build(ahead.path(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(ahead.path().join("public").join(&page).exists(), "today in the cluster's zone is published");

    let behind = fixture("basic");
    let page = page_dated(behind.path(), &day);
    set_timezone(behind.path(), "Etc/GMT+12");
    let out = build(behind.path(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!behind.path().join("public").join(&page).exists(), "tomorrow in the cluster's zone is scheduled");
    // --today overrides the clock.
    let out = build(behind.path(), &["--today", &day]);
    assert!(out.status.success());
    assert!(behind.path().join("public").join(&page).exists(), "--today wins");
}

#[test]
fn new_pages_are_dated_today_in_the_clusters_zone() {
    let tmp = fixture("basic");
    set_timezone(tmp.path(), "Pacific/Kiritimati");
    let out = zhanqun()
        .args(["new", "portal", "zwdt/gzdt", "东边的今天", "--root"])
        .arg(tmp.path())
        .output()
        .expect("run zhanqun new");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let east = Clock::named("Pacific/Kiritimati").expect("zone").today().format("%Y-%m-%d").to_string();
    assert!(path.contains(&east), "{path} is dated {east}");
    let text = std::fs::read_to_string(&path).expect("read new page");
    assert!(text.contains(&east), "{text}");
}

#[test]
fn an_unknown_time_zone_is_an_error_naming_the_setting() {
    let tmp = fixture("basic");
    set_timezone(tmp.path(), "Beijing");
    let out = build(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("zhanqun.yaml") && err.contains("Beijing") && err.contains("Asia/Shanghai"), "{err}");
    let out = build(tmp.path(), &["--lang", "en"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a known time-zone name"), "{err}");
}
