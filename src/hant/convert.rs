//! The two OpenCC converters, one per direction, each built once per process and shared.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::sync::OnceLock;

// `OpenCC` holds `Arc<dyn Dictionary>` with `Dictionary: Send + Sync`, so one shared
// instance serves every rayon thread; this fails to compile if a later version loses that.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<OpenCC>();
};

/// The converter for `config`, built on first use (a few milliseconds) and kept.
fn converter(cell: &'static OnceLock<OpenCC>, config: BuiltinConfig) -> &'static OpenCC {
    cell.get_or_init(|| {
        // The configurations and dictionaries are compiled into the crate: failing to load
        // them is a bug in the dependency, not a condition a build can meet.
        OpenCC::from_config(config).expect("OpenCC's built-in configuration loads")
    })
}

/// Simplified → Traditional, phrase by phrase (OpenCC `s2t`): 头发 → 頭髮, 发展 → 發展,
/// 干部 → 幹部, 干净 → 乾淨. Exists for the 繁體 view of the site; text without Chinese comes
/// back unchanged.
pub fn to_hant(text: &str) -> String {
    static S2T: OnceLock<OpenCC> = OnceLock::new();
    if text.is_ascii() {
        return text.to_owned();
    }
    converter(&S2T, BuiltinConfig::S2t).convert(text)
}

/// Traditional → Simplified, phrase by phrase (OpenCC `t2s`). Exists to build the search
/// query table ([`super::t2s_table_chunks`]) and to check that the 繁體 view reads back as
/// the original.
pub fn to_hans(text: &str) -> String {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    if text.is_ascii() {
        return text.to_owned();
    }
    converter(&T2S, BuiltinConfig::T2s).convert(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Phrases where converting character by character goes wrong (发, 干, 后, 面, 只, 里
    /// each have several Traditional forms), checked against OpenCC's actual `s2t` output.
    const PHRASES: &[(&str, &str)] = &[
        ("头发", "頭髮"),
        ("理发", "理髮"),
        ("发展", "發展"),
        ("出发", "出發"),
        ("干部", "幹部"),
        ("干净", "乾淨"),
        ("干涉", "干涉"),
        ("后来", "後來"),
        ("皇后", "皇后"),
        ("面条", "麪條"),
        ("面积", "面積"),
        ("一只", "一隻"),
        ("只有", "只有"),
        ("里面", "裏面"),
        ("公里", "公里"),
        ("联系", "聯繫"),
        ("关系", "關係"),
        ("日历", "日曆"),
        ("放松", "放鬆"),
        ("松树", "松樹"),
        ("台风", "颱風"),
        ("复杂", "複雜"),
        ("重复", "重複"),
    ];

    #[test]
    fn phrases_convert_as_phrases() {
        for (hans, hant) in PHRASES {
            assert_eq!(to_hant(hans), *hant, "{hans}");
        }
    }

    #[test]
    fn phrases_convert_inside_sentences() {
        assert_eq!(to_hant("他理发后来到县里干部会议"), "他理髮後來到縣裏幹部會議");
    }

    #[test]
    fn government_sentence_round_trips() {
        let hans = "县教育局积极推进义务教育优质均衡发展，进一步加强干部队伍建设，完善政务公开制度。";
        let hant = to_hant(hans);
        assert_eq!(hant, "縣教育局積極推進義務教育優質均衡發展，進一步加強幹部隊伍建設，完善政務公開制度。");
        assert_eq!(to_hans(&hant), hans);
    }

    #[test]
    fn text_without_chinese_is_unchanged() {
        for s in ["", "GB/T 9704-2012 &amp; 2024", "Ünïcödé ©"] {
            assert_eq!(to_hant(s), s);
            assert_eq!(to_hans(s), s);
        }
    }

    #[test]
    fn shared_from_threads() {
        let outs: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| to_hant("发展"))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(outs.iter().all(|o| o == "發展"));
    }
}
