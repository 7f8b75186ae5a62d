//! `editor:` in `zhanqun.yaml`: where the web editor (`zhanqun editor`) saves, on which forge.
//!
//! ```yaml
//! editor:
//!   backend: gitea                       # or gitlab
//!   repo: xian/zhanqun                   # owner/name on the forge
//!   branch: main
//!   base_url: https://git.example.gov.cn # the forge, where users log in (OAuth)
//!   app_id: 0b4c…                        # the OAuth application's client id
//! ```
//!
//! `api_root` defaults to the forge's API under `base_url` (`/api/v1` for Gitea, `/api/v4` for
//! GitLab); `auth_endpoint` is GitLab's OAuth path (`oauth/authorize` by default).

use serde::{Deserialize, Serialize};

/// The forges whose Decap CMS backend the editor can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum EditorBackend {
    /// Gitea (and Forgejo): OAuth with PKCE.
    Gitea,
    /// GitLab: OAuth with PKCE.
    Gitlab,
}

impl EditorBackend {
    /// The API path under the forge's address.
    pub fn api_path(self) -> &'static str {
        match self {
            EditorBackend::Gitea => "/api/v1",
            EditorBackend::Gitlab => "/api/v4",
        }
    }
}

/// The web editor's forge settings; every one may also be given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorSettings {
    /// Which forge.
    #[serde(default)]
    pub backend: Option<EditorBackend>,
    /// The repository on the forge, `owner/name` (GitLab: `group/subgroup/name`).
    #[serde(default)]
    pub repo: Option<String>,
    /// The branch the editor commits to (`main` by default).
    #[serde(default)]
    pub branch: Option<String>,
    /// The forge's address (`https://git.example.gov.cn`), where users log in.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The forge's API (`https://git.example.gov.cn/api/v1`); under `base_url` by default.
    #[serde(default)]
    pub api_root: Option<String>,
    /// The OAuth application's client id.
    #[serde(default)]
    pub app_id: Option<String>,
    /// GitLab's authorisation path (`oauth/authorize` by default).
    #[serde(default)]
    pub auth_endpoint: Option<String>,
}
