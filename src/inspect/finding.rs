//! What an inspection rule reports: a [`Finding`], mapped to the national inspection indicator
//! it enforces and to that indicator's weight.

use serde::Serialize;

/// The weight of a finding under the inspection indicators (国办秘函〔2019〕19号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 单项否决: one such finding fails the site outright.
    Veto,
    /// 扣分: costs points out of 100; under 60 fails.
    Scored,
    /// Advice: not scored, worth fixing.
    Advice,
}

impl Level {
    /// The level's name in the current language, for reports.
    pub fn label(self) -> String {
        match self {
            Level::Veto => crate::t!("inspect-level-veto"),
            Level::Scored => crate::t!("inspect-level-scored"),
            Level::Advice => crate::t!("inspect-level-advice"),
        }
    }

    /// Parses `veto`, `scored` or `advice` (as written in zhanqun.yaml).
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "veto" => Some(Level::Veto),
            "scored" => Some(Level::Scored),
            "advice" => Some(Level::Advice),
            _ => None,
        }
    }
}

/// One finding of `zhanqun check`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// Site id the finding belongs to.
    pub site: String,
    /// Weight under the indicators.
    pub level: Level,
    /// Stable rule id (`stale-column`, `wording`…), the key of its settings in zhanqun.yaml.
    pub rule: &'static str,
    /// The indicator it enforces; in JSON, its official name (栏目不更新, 严重表述错误…).
    pub indicator: super::Indicator,
    /// File, relative to the cluster root, when the finding is in one.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column in the line (in characters).
    pub col: Option<usize>,
    /// The site column (栏目) the finding is about (`xxgk/rsxx`), when it is about one.
    pub column_path: Option<String>,
    /// What is wrong, in the language of the run.
    pub message: String,
    /// How to fix it, in the language of the run (the correct wording, the missing element…).
    pub suggestion: Option<String>,
    /// The most serious level the finding may have whatever the settings say (a reproduced
    /// document's wording: advice).
    #[serde(skip)]
    pub at_most: Option<Level>,
}

impl Finding {
    /// A finding about site `site`, with the rule's default level; the engine applies the
    /// configured level and exceptions afterwards.
    pub fn new(site: &str, rule: &'static str, message: impl Into<String>) -> Finding {
        let (indicator, level) = super::rules::describe(rule);
        Finding {
            site: site.to_owned(),
            level,
            rule,
            indicator,
            file: None,
            line: None,
            col: None,
            column_path: None,
            message: message.into(),
            suggestion: None,
            at_most: None,
        }
    }

    /// The same finding located in `file`.
    pub fn in_file(mut self, file: impl Into<String>) -> Finding {
        self.file = Some(file.into());
        self
    }

    /// The same finding at `line` and optional character `col`.
    pub fn at(mut self, line: usize, col: Option<usize>) -> Finding {
        self.line = Some(line);
        self.col = col;
        self
    }

    /// The same finding about site column `path`.
    pub fn in_column(mut self, path: impl Into<String>) -> Finding {
        self.column_path = Some(path.into());
        self
    }

    /// The same finding with a suggestion.
    pub fn suggest(mut self, s: impl Into<String>) -> Finding {
        self.suggestion = Some(s.into());
        self
    }

    /// The same finding at another level (configuration, or a rule that grades its findings).
    pub fn level(mut self, level: Level) -> Finding {
        self.level = level;
        self
    }

    /// The same finding, never more serious than `level`, even when the settings raise the
    /// rule's level.
    pub fn at_most(mut self, level: Level) -> Finding {
        self.at_most = Some(level);
        self.level = self.level.max(level);
        self
    }

    /// `file:line:column` or the site id, for reports.
    pub fn location(&self) -> String {
        match (&self.file, self.line, self.col) {
            (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
            (Some(f), Some(l), None) => format!("{f}:{l}"),
            (Some(f), None, _) => f.clone(),
            (None, ..) => match &self.column_path {
                Some(c) => format!("content/{}/{c}/", self.site),
                None => format!("sites/{}.yaml", self.site),
            },
        }
    }
}
