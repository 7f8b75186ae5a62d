//! Data of the build-time checks, shared with `zhanqun new` and `zhanqun check`: the texts
//! that stand where content should be (the vocabularies the norms fix are defaults of the
//! settings, in `load`). Words
//! matched in Chinese input whatever the language of the messages.

pub mod placeholders;
