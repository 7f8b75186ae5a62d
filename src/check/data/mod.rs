//! Data of the build-time checks, shared with `zhanqun new` and `zhanqun check`: the values the
//! norms fix for disclosure metadata, and the texts that stand where content should be. Words
//! matched in Chinese input whatever the language of the messages.

pub mod placeholders;
pub mod vocabularies;
