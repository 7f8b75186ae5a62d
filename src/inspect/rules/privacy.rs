//! Rule `privacy` (隐私泄露, NORMS.md §3): unredacted personal numbers in a page's source.
//!
//! - Resident ID numbers (居民身份证号码, GB 11643): 17 digits and a check digit or `X`, with a
//!   known province code, a real birth date between 1900 and the inspection day, and a valid
//!   ISO 7064 MOD 11-2 check digit.
//! - Mainland mobile numbers: `1[3-9]` and 9 more digits, also written `+86…`, `138-1234-5678`
//!   or `138 1234 5678`.
//!
//! A number must stand alone: a digit run preceded or followed by a letter, digit or `_` is part
//! of a longer code and is ignored. Masked forms (`138****1234`, `5203**********1234`) never
//! match. Findings show the number masked, so the report itself leaks nothing.

use super::super::Finding;
use crate::t;
use chrono::{Datelike, NaiveDate};

/// Reports every unredacted ID or mobile number in `text`; `today` bounds birth dates.
pub(super) fn check(
    text: &str,
    today: NaiveDate,
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    for (at, kind, digits) in numbers(text, today) {
        let (masked, message) = match kind {
            Kind::Id => {
                let masked = format!("{}**********{}", &digits[..4], &digits[14..]);
                (masked.clone(), t!("inspect-privacy-id", masked = masked))
            }
            Kind::Mobile => {
                let masked = format!("{}****{}", &digits[..3], &digits[7..]);
                (masked.clone(), t!("inspect-privacy-mobile", masked = masked))
            }
        };
        out.push(emit("privacy", message, at).suggest(t!("inspect-privacy-help", masked = masked)));
    }
}

/// What kind of personal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Mobile,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every personal number in `text`: (byte offset, kind, its digits), in order. One pass over
/// the bytes.
fn numbers(text: &str, today: NaiveDate) -> Vec<(usize, Kind, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(j) = b[i..].iter().position(u8::is_ascii_digit) {
        let start = i + j;
        let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = end;
        if start > 0 && is_word(b[start - 1]) {
            continue;
        }
        let free = |k: usize| b.get(k).is_none_or(|&c| !is_word(c));
        let run = &text[start..end];
        match run.len() {
            17 if matches!(b.get(end), Some(b'X' | b'x')) && free(end + 1) => {
                let id = &text[start..end + 1];
                if id_ok(id, today) {
                    out.push((start, Kind::Id, id.to_ascii_uppercase()));
                }
                i = end + 1;
            }
            18 if free(end) && id_ok(run, today) => out.push((start, Kind::Id, run.to_owned())),
            11 if free(end) && mobile_ok(run) => out.push((start, Kind::Mobile, run.to_owned())),
            13 if start > 0 && b[start - 1] == b'+' && run.starts_with("86") && free(end) && mobile_ok(&run[2..]) => {
                out.push((start + 2, Kind::Mobile, run[2..].to_owned()));
            }
            3 if mobile_ok(&format!("{run}00000000")) => {
                // 138-1234-5678 or 138 1234 5678.
                let Some(&sep @ (b'-' | b' ')) = b.get(end) else { continue };
                let group = |k: usize| b.get(k..k + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit));
                if group(end + 1) && b.get(end + 5) == Some(&sep) && group(end + 6) && free(end + 10) {
                    out.push((
                        start,
                        Kind::Mobile,
                        format!("{run}{}{}", &text[end + 1..end + 5], &text[end + 6..end + 10]),
                    ));
                    i = end + 10;
                }
            }
            _ => {}
        }
    }
    out
}

/// `1[3-9]` and 9 more digits.
fn mobile_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
}

/// 18 characters with a province code, a birth date from 1900 to `today` and a valid check digit.
fn id_ok(s: &str, today: NaiveDate) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let province = num(0..2);
    let known = matches!(province, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82);
    let born = NaiveDate::from_ymd_opt(num(6..10) as i32, num(10..12), num(12..14));
    if !known || born.is_none_or(|d| d.year() < 1900 || d > today) {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    b"10X98765432"[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::super::locate;
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// (line, col, message) of every finding.
    fn run(text: &str) -> Vec<(usize, usize, String)> {
        let emit = |rule, msg, at| {
            let (l, c) = locate(text, at);
            Finding::new("t", rule, msg).at(l, Some(c))
        };
        let mut out = Vec::new();
        check(text, today(), &emit, &mut out);
        out.into_iter().map(|f| (f.line.unwrap(), f.col.unwrap(), f.message)).collect()
    }

    fn at(text: &str) -> Vec<(usize, usize)> {
        run(text).into_iter().map(|f| (f.0, f.1)).collect()
    }

    #[test]
    fn check_digits_follow_gb_11643() {
        assert!(id_ok("11010519491231002X", today()));
        assert!(id_ok("11010519491231002x", today()));
        assert!(!id_ok("440524188001010014", today()), "born before 1900");
        assert!(id_ok("520330199003070010", today()));
        assert!(!id_ok("520330199003070017", today()), "wrong check digit");
        assert!(!id_ok("520330199002300013", today()), "no 30 February");
        assert!(!id_ok("990330199003070018", today()), "no province 99");
        assert!(!id_ok("520330202712010015", today()), "born in the future");
    }

    #[test]
    fn unmasked_ids_and_mobiles_fire_with_masked_messages() {
        let text = "---\ntitle: 公示\n---\n\n申请人：张三，身份证号 520330199003070010，电话13885012345。\n\
                    联系人李四（11010519491231002x），手机 +8613985012345、139-8501-2345 或 139 8501 2345。\n";
        let found = run(text);
        assert_eq!(
            found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            vec![(5, 13), (5, 34), (6, 7), (6, 33), (6, 45), (6, 61)]
        );
        assert!(found[0].2.ends_with("5203**********0010"), "{}", found[0].2);
        assert!(found[1].2.ends_with("138****2345"), "{}", found[1].2);
        assert!(found[2].2.ends_with("1101**********002X"), "{}", found[2].2);
        assert!(!found.iter().any(|f| f.2.contains("13885012345") || f.2.contains("520330199003070010")));
    }

    #[test]
    fn masked_longer_and_invalid_numbers_do_not_fire() {
        assert_eq!(at("手机138****1234，身份证5203**********1234。"), []);
        assert_eq!(at("订单号 213885012345678，编码 A13885012345，流水 13885012345678。"), []);
        assert_eq!(at("统一社会信用代码 11520330MB1730478Y，索引号 000014349/2017-00110。"), []);
        assert_eq!(at("座机 0851-25750032，邮编 553300，号码 12885012345。"), []);
        assert_eq!(at("号码 520330199003070017 的校验位不对。"), []);
        assert_eq!(at("证号520330199003070010X不是身份证。"), []);
    }
}
