//! `zhanqun init DIR`: a working cluster skeleton from the embedded theme and convention.

use crate::load::{EMBEDDED_COLUMNS, EMBEDDED_THEME};
use std::path::{Path, PathBuf};

/// Why a skeleton could not be created.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The target directory already holds files.
    #[error("{}", crate::t!("init-not-empty", path = .0.display().to_string()))]
    NotEmpty(PathBuf),
    /// Writing failed.
    #[error("{}", crate::t!("pipeline-cannot-write", path = .path.display().to_string()))]
    Io {
        /// File being written.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

const CONFIG: &str = "# Cluster settings (see the zhanqun README).\nname: 新建网站群\nbase_url: \"/\"\ndomain: www.example.gov.cn\nportal: portal\ntheme: default\n";

const PORTAL: &str = "# The portal site. Replace the codes with the ones from the national registry.\nid: portal\nname: 示例县人民政府\nkind: portal\norg_code: 11000000MB0000000X\nsite_code: \"0000000001\"\npath: /\ncontact:\n  address: 请填写地址\n  phone: 请填写电话\n  email: webmaster@example.gov.cn\nicp: 京ICP备00000000号\npsb: 京公网安备 00000000000000号\n";

const ORG_PAGE: &str = "---\ntitle: 机构职能\ndate: 2026-01-01\n---\n\n## 主要职责\n\n请在此填写本机构的主要职责。\n\n## 联系方式\n\n地址：请填写。电话：请填写。\n";

const FIRST_NEWS: &str = "---\ntitle: 网站群开通\ndate: 2026-01-01\n---\n\n网站群已建成。使用 `zhanqun new portal zwdt/gzdt \"标题\"` 新建文章。\n";

/// Writes a new cluster into `dir` (created if absent, refused if not empty).
pub fn init(dir: &Path) -> Result<(), InitError> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let mut files: Vec<(PathBuf, &[u8])> = vec![
        ("zhanqun.yaml".into(), CONFIG.as_bytes()),
        ("columns.yaml".into(), EMBEDDED_COLUMNS.as_bytes()),
        ("sites/portal.yaml".into(), PORTAL.as_bytes()),
        ("content/portal/jgzn/index.md".into(), ORG_PAGE.as_bytes()),
        ("content/portal/zwdt/gzdt/2026-01-01-kaitong.md".into(), FIRST_NEWS.as_bytes()),
        (".gitignore".into(), b"/public/\n".as_slice()),
    ];
    files.extend(EMBEDDED_THEME.iter().map(|(p, b)| (Path::new("themes/default").join(p), *b)));
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        let io = |source| InitError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
    }
    Ok(())
}
