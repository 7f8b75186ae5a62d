//! The message layer: every text a person reads comes from one Fluent catalog per language.
//!
//! Editors and web-office staff read Chinese, so zh-CN is the default; English is chosen with
//! `--lang en` or `ZHANQUN_LANG=en`. Catalogs live in `locales/<lang>/*.ftl` (one file per area
//! of the product) and are compiled into the binary. Code names a message by its key, which does
//! not change with the language; rule ids such as `front-matter` stay the public codes that
//! `check.rules`, `exceptions:` and JSON reports use. The language is chosen once, before the
//! command line is parsed, and read everywhere through [`lang`].

use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh-CN",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language zhanqun speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English, on request.
    En,
}

/// The environment variable that chooses the language when `--lang` is not given.
pub const LANG_ENV: &str = "ZHANQUN_LANG";

static CURRENT: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// Reads a `--lang` / `ZHANQUN_LANG` value: `zh`, `zh-CN`, `cn`, `en`, `en-US`… (case ignored).
    pub fn parse(value: &str) -> Option<Lang> {
        let v = value.trim().to_ascii_lowercase();
        let primary = v.split(['-', '_', '.']).next().unwrap_or("");
        match primary {
            "zh" | "cn" | "chs" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language chosen by the command line (`--lang X` or `--lang=X`, anywhere before a
    /// lone `--`), else by `ZHANQUN_LANG`, else Chinese. Read before clap parses the command line
    /// so that clap's own texts follow it too.
    pub fn from_args_and_env<I, S>(args: I, env: Option<&str>) -> Lang
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut from_args = None;
        let mut next_is_value = false;
        for arg in args {
            let arg = arg.as_ref().to_string_lossy();
            if next_is_value {
                from_args = Lang::parse(&arg).or(from_args);
                next_is_value = false;
            } else if arg == "--" {
                break;
            } else if arg == "--lang" {
                next_is_value = true;
            } else if let Some(v) = arg.strip_prefix("--lang=") {
                from_args = Lang::parse(v).or(from_args);
            }
        }
        from_args.or_else(|| env.and_then(Lang::parse)).unwrap_or(Lang::Zh)
    }

    fn id(self) -> &'static fluent_templates::LanguageIdentifier {
        use std::sync::LazyLock;
        static ZH: LazyLock<fluent_templates::LanguageIdentifier> =
            LazyLock::new(|| "zh-CN".parse().expect("zh-CN is a language identifier"));
        static EN: LazyLock<fluent_templates::LanguageIdentifier> =
            LazyLock::new(|| "en".parse().expect("en is a language identifier"));
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Chooses the language of every later message (called once, at start-up).
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in now.
pub fn lang() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::En as u8 { Lang::En } else { Lang::Zh }
}

/// One argument of a message: a name and its value.
pub type Arg<'a> = (&'static str, FluentValue<'a>);

/// The message `key` in the current language, with `args` filled in. A key missing from the
/// catalogs (a defect the catalog tests catch) comes back as the key itself, never a panic.
pub fn text(key: &str, args: &[Arg<'_>]) -> String {
    text_in(lang(), key, args)
}

/// The message `key` in `lang`, with `args` filled in.
pub fn text_in(lang: Lang, key: &str, args: &[Arg<'_>]) -> String {
    let found = if args.is_empty() {
        LOCALES.try_lookup(lang.id(), key)
    } else {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), v.clone())).collect();
        LOCALES.try_lookup_with_args(lang.id(), key, &map)
    };
    found.unwrap_or_else(|| key.to_string())
}

/// Whether the catalog of `lang` holds `key` (for tests and for optional messages).
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES.try_lookup(lang.id(), key).is_some()
}

/// Why an input/output operation failed, in the current language. The operating system's own
/// text ("No such file or directory (os error 2)") is English whatever the editor reads, so the
/// common kinds get a sentence from the catalog; an error that carries our own message keeps it,
/// and an unusual kind keeps the system's text after a catalog sentence.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if e.raw_os_error().is_none() && e.get_ref().is_some() {
        return e.to_string();
    }
    let key = match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied | K::ReadOnlyFilesystem => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::IsADirectory => "io-is-a-directory",
        K::NotADirectory => "io-not-a-directory",
        K::DirectoryNotEmpty => "io-directory-not-empty",
        K::StorageFull | K::QuotaExceeded => "io-storage-full",
        K::InvalidData => "io-invalid-data",
        K::AddrInUse => "io-address-in-use",
        K::AddrNotAvailable => "io-address-not-available",
        K::CrossesDevices => "io-crosses-devices",
        K::FileTooLarge => "io-file-too-large",
        K::InvalidFilename => "io-invalid-filename",
        K::TimedOut => "io-timed-out",
        K::Interrupted => "io-interrupted",
        _ => return text("io-other", &[("error", FluentValue::from(e.to_string()))]),
    };
    text(key, &[])
}

/// A message from the catalog in the current language: `t!("key")` or
/// `t!("key", name = value, …)`. Values are anything Fluent takes: strings and numbers (pass
/// paths as `path.display().to_string()`, and floats already formatted).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::messages::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::messages::text(
            $key,
            &[$((stringify!($name), $crate::messages::FluentValue::from($value))),+],
        )
    };
}

/// A value of a message argument (strings and numbers).
pub use fluent_templates::fluent_bundle::FluentValue;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_flag_then_the_variable_then_chinese() {
        assert_eq!(Lang::from_args_and_env(["zhanqun", "build"], None), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(["zhanqun", "build"], Some("en")), Lang::En);
        assert_eq!(Lang::from_args_and_env(["zhanqun", "--lang", "zh", "build"], Some("en")), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(["zhanqun", "build", "--lang=en-US"], None), Lang::En);
        assert_eq!(Lang::from_args_and_env(["zhanqun", "--", "--lang", "en"], None), Lang::Zh);
        assert_eq!(Lang::from_args_and_env(["zhanqun", "--lang", "fr"], Some("EN")), Lang::En);
    }

    #[test]
    fn both_languages_render_a_message_with_arguments() {
        let zh = text_in(Lang::Zh, "diag-error-count", &[("count", FluentValue::from(3))]);
        let en = text_in(Lang::En, "diag-error-count", &[("count", FluentValue::from(3))]);
        assert!(zh.contains('3') && zh.contains("错误"), "{zh}");
        assert!(en.contains('3') && en.contains("error"), "{en}");
        assert_eq!(text_in(Lang::En, "no-such-key-anywhere", &[]), "no-such-key-anywhere");
    }

    #[test]
    fn system_errors_are_told_in_the_catalog_language() {
        let missing = std::fs::read("/no/such/zhanqun/file").expect_err("missing");
        let reason = io_reason(&missing);
        assert!(reason.contains("不存在") && !reason.contains("No such"), "{reason}");
        let ours = std::io::Error::other("我们自己的说明");
        assert_eq!(io_reason(&ours), "我们自己的说明");
    }
}
