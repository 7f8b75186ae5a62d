//! Data of the settings: built-in defaults written in Chinese, matched whatever the language of
//! the messages.

pub mod guide_terms;
pub mod vocabularies;
