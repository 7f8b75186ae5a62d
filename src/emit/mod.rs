//! Stage 8, emit: files go into a staging directory beside `public/`, which replaces it in one
//! rename only when the whole build succeeded; plus sitemaps, robots.txt and the manifest.

pub mod feed;
pub mod headers;
mod manifest;
pub mod precompress;
mod secondary;
mod shard;
pub mod signature;
mod sitemap;
mod spare;
mod staging;

pub use manifest::{DeployPlan, FileEntry, Manifest, ManifestError, ManifestIndex};
pub use secondary::{NamedFiles, write_secondary_files};
pub use shard::{PendingAnchor, SHARD_FORMAT, SIDECAR, Shard, ShardState, fingerprint, settings_digest};
pub use sitemap::{robots_txt, sitemap_bytes, sitemap_files, sitemap_index, sitemap_names, sitemaps};
pub use staging::{Staging, UnsafeOutput, file_entry, guard_output, remove_file, replace_file, url_file};
