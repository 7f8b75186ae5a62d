//! `sites/<id>.yaml`: one file per sub-site.

use super::columns::{ColumnDef, SiteColumns, line_of_value};
use super::config::ClusterConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a site is within the cluster; decides which columns it must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    /// The county portal (门户).
    Portal,
    /// A county department (部门).
    Department,
    /// A township or sub-district (乡镇、街道).
    Township,
}

/// Contact details shown in every footer (联系方式).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Postcode (邮编).
    #[serde(default)]
    pub postcode: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// A leader whose name the cluster's own text must spell right (`leaders:` in zhanqun.yaml —
/// the cluster's and its superiors' — and in a site's file — the site's own).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    /// The name as it must be written (杨晓峰).
    #[serde(alias = "姓名")]
    pub name: String,
    /// The title (常务副县长): a near miss next to it is reported even when it does not sound
    /// alike.
    #[serde(default, alias = "职务")]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteDef {
    #[serde(default)]
    id: Option<String>,
    name: String,
    kind: SiteKind,
    org_code: String,
    #[serde(default)]
    site_code: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    icp: Option<String>,
    #[serde(default)]
    psb: Option<String>,
    #[serde(default)]
    sponsor: Option<String>,
    #[serde(default)]
    organizer: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    conac_url: Option<String>,
    #[serde(default)]
    psb_url: Option<String>,
    #[serde(default)]
    columns: Vec<ColumnDef>,
    #[serde(default)]
    leaders: Vec<Leader>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    banner: Option<String>,
    #[serde(default)]
    home: Option<Vec<String>>,
    #[serde(default)]
    media: Option<super::Media>,
    #[serde(default)]
    editors: Vec<super::Signer>,
    #[serde(default)]
    reviewers: Vec<super::Signer>,
}

/// A sub-site, validated, with its column tree resolved.
#[derive(Debug, Clone)]
pub struct Site {
    /// Id, equal to the file stem and the content directory name.
    pub id: String,
    /// Full name (示例县教育局).
    pub name: String,
    /// Portal, department or township.
    pub kind: SiteKind,
    /// Organisation code used in 索引号.
    pub org_code: String,
    /// 网站标识码, inherited from the portal when not set.
    pub site_code: String,
    /// True when the site file names no 网站标识码 and the portal's is used.
    pub site_code_inherited: bool,
    /// URL path under the cluster base: `/` for the portal, `/<id>/` otherwise.
    pub path: String,
    /// Footer contact details.
    pub contact: Contact,
    /// ICP备案号.
    pub icp: String,
    /// 公安机关备案号.
    pub psb: String,
    /// 主办单位.
    pub sponsor: String,
    /// 承办单位, if different.
    pub organizer: Option<String>,
    /// One-line description for the site home and the directory.
    pub description: Option<String>,
    /// Record page of the 党政机关网站标识.
    pub conac_url: String,
    /// Record page of the 公安机关备案号.
    pub psb_url: String,
    /// Columns: the convention for this kind, then local extensions.
    pub columns: SiteColumns,
    /// The site's leaders (`leaders:`), whose names `zhanqun check` knows.
    pub leaders: Vec<Leader>,
    /// Who may publish on this site (`editors:`): their signed commits may change its pages.
    pub editors: Vec<super::Signer>,
    /// Who reviews this site's pages (`reviewers:`) before they count as published.
    pub reviewers: Vec<super::Signer>,
    /// The site file, relative to the cluster root.
    pub file: PathBuf,
    /// The site's own logo (`logo:`), a static file of the theme, instead of the cluster's
    /// emblem.
    pub logo: Option<String>,
    /// A wide image across the site's header (`banner:`), a static file of the theme.
    pub banner: Option<String>,
    /// The site's own 政务新媒体 accounts (`media:`), instead of the cluster's.
    pub media: Option<super::Media>,
    /// The columns its home page shows, by path, as the site file names them (`home:`).
    pub home_paths: Option<Vec<String>>,
    /// The columns its home page shows, in order (the site's `home:` or `brand.home` for its
    /// kind); `None` shows every list column of the top navigation.
    pub home: Option<Vec<usize>>,
}

/// Reads every `sites/*.yaml`, portal first, then by id.
pub(super) fn read(root: &Path, cfg: &ClusterConfig, convention: &[ColumnDef], diags: &mut Diagnostics) -> Vec<Site> {
    let dir = root.join("sites");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "sites",
                    "io",
                    crate::t!("load-no-sites-dir", reason = crate::messages::io_reason(&e)),
                )
                .help(crate::t!("load-no-sites-dir-help")),
            );
            return Vec::new();
        }
    };
    files.sort();
    let mut defs = Vec::new();
    for path in files {
        let rel = super::super::diagnostic::relative(root, &path);
        let text = match super::read_text(root, &rel) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if super::fixed::check(&rel, &text, super::fixed::SettingsFile::Site, diags) {
            continue;
        }
        match serde_yaml_ng::from_str::<SiteDef>(&text) {
            Ok(def) => defs.push((rel, text, def)),
            Err(e) => {
                diags.push(super::yaml_diagnostic_in(&rel, 1, &text, &e));
                // The error stops a build; `check` still inspects the site with what reads.
                if let Some(def) = super::yaml::read_leniently::<SiteDef>(&text) {
                    defs.push((rel, text, def));
                }
            }
        }
    }
    let portal_code =
        defs.iter().find(|(_, _, d)| d.kind == SiteKind::Portal).and_then(|(_, _, d)| d.site_code.clone());
    let mut sites = Vec::new();
    let mut paths = BTreeMap::new();
    for (rel, text, def) in defs {
        if let Some(site) = resolve(&rel, &text, def, portal_code.as_deref(), convention, diags) {
            if let Some(other) = paths.insert(site.path.clone(), site.id.clone()) {
                diags.push(
                    Diagnostic::error(
                        &rel,
                        "site",
                        crate::t!("load-site-path-taken", path = site.path.as_str(), other = other.as_str()),
                    )
                    .at_opt(line_of_value(&text, "path", &site.path))
                    .help(crate::t!("load-site-path-taken-help")),
                );
            }
            sites.push(site);
        }
    }
    sites.sort_by(|a, b| (a.kind != SiteKind::Portal, &a.id).cmp(&(b.kind != SiteKind::Portal, &b.id)));
    let portals: Vec<&Site> = sites.iter().filter(|s| s.kind == SiteKind::Portal).collect();
    match portals.as_slice() {
        [p] if p.id == cfg.portal => {}
        [p] => diags.push(
            Diagnostic::error(
                "zhanqun.yaml",
                "site",
                crate::t!("load-portal-mismatch", portal = cfg.portal.as_str(), actual = p.id.as_str()),
            )
            .help(crate::t!("load-portal-mismatch-help", actual = p.id.as_str())),
        ),
        [] => diags.push(
            Diagnostic::error("sites", "site", crate::t!("load-no-portal")).help(crate::t!("load-no-portal-help")),
        ),
        many => {
            for p in many.iter().skip(1) {
                diags.push(
                    Diagnostic::error(&p.file, "site", crate::t!("load-two-portals"))
                        .help(crate::t!("load-two-portals-help")),
                );
            }
        }
    }
    sites
}

fn resolve(
    rel: &Path,
    text: &str,
    def: SiteDef,
    portal_code: Option<&str>,
    convention: &[ColumnDef],
    diags: &mut Diagnostics,
) -> Option<Site> {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let id = def.id.clone().unwrap_or_else(|| stem.clone());
    let err = |msg: String, key: &str, value: &str| {
        Diagnostic::error(rel, "site", msg).at_opt(line_of_value(text, key, value))
    };
    let before = diags.error_count();
    if id != stem {
        diags.push(
            err(crate::t!("load-site-id-mismatch", id = id.as_str(), stem = stem.as_str()), "id", &id).help(crate::t!(
                "load-site-id-mismatch-help",
                id = id.as_str(),
                stem = stem.as_str()
            )),
        );
    }
    if !super::columns::is_segment(&id) {
        diags.push(
            err(crate::t!("load-site-id-segment", id = id.as_str()), "id", &id)
                .help(crate::t!("load-site-id-segment-help")),
        );
    }
    let default_path = if def.kind == SiteKind::Portal { "/".to_string() } else { format!("/{id}/") };
    let path = def.path.clone().unwrap_or(default_path);
    let path_ok = if def.kind == SiteKind::Portal {
        path == "/"
    } else {
        path.len() > 2
            && path.starts_with('/')
            && path.ends_with('/')
            && path[1..path.len() - 1].split('/').all(super::columns::is_segment)
    };
    if !path_ok {
        diags.push(
            err(
                crate::t!(
                    "load-site-path-invalid",
                    path = path.as_str(),
                    kind = format!("{:?}", def.kind).to_lowercase()
                ),
                "path",
                &path,
            )
            .help(crate::t!("load-site-path-invalid-help")),
        );
    }
    let mut columns = SiteColumns::for_kind(convention, def.kind);
    add_local_columns(rel, text, &def.columns, &mut columns, convention, diags);
    if diags.error_count() > before {
        return None;
    }
    // Page furniture: an error for the build, but the site is kept so that `check` can report
    // it under its indicator beside everything else.
    if def.org_code.trim().is_empty() {
        diags.push(
            Diagnostic::error(rel, "org-code", crate::t!("load-org-code-empty"))
                .at_opt(line_of_value(text, "org_code", ""))
                .help(crate::t!("load-org-code-empty-help")),
        );
    }
    let site_code_inherited = def.site_code.is_none() && def.kind != SiteKind::Portal;
    let site_code = def.site_code.clone().or_else(|| portal_code.map(str::to_string)).unwrap_or_default();
    // An inherited code is the portal's mistake, reported once in the portal's file.
    if !valid_site_code(&site_code) && !site_code_inherited {
        diags.push(
            Diagnostic::error(rel, "site-code", crate::t!("load-site-code-invalid", code = site_code.as_str()))
                .at_opt(line_of_value(text, "site_code", &site_code))
                .help(crate::t!("load-site-code-invalid-help")),
        );
    }
    Some(Site {
        conac_url: def
            .conac_url
            .unwrap_or_else(|| format!("https://bszs.conac.cn/sitename?method=show&id={site_code}")),
        psb_url: def.psb_url.unwrap_or_else(|| "https://beian.mps.gov.cn/".into()),
        sponsor: def.sponsor.unwrap_or_else(|| def.name.clone()),
        id,
        name: def.name,
        kind: def.kind,
        org_code: def.org_code,
        site_code,
        site_code_inherited,
        path,
        contact: def.contact,
        icp: def.icp.unwrap_or_default(),
        psb: def.psb.unwrap_or_default(),
        organizer: def.organizer,
        description: def.description,
        columns,
        leaders: def.leaders,
        editors: def.editors,
        reviewers: def.reviewers,
        file: rel.to_path_buf(),
        logo: def.logo,
        banner: def.banner,
        media: def.media,
        home_paths: def.home,
        home: None,
    })
}

/// Validates 网站标识码: 10 digits, or `bm` and 8 digits for central bodies.
pub(crate) fn valid_site_code(code: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(code, 10) || code.strip_prefix("bm").is_some_and(|r| digits(r, 8))
}

/// Local columns extend the convention: new ids under existing columns, never a renamed or
/// re-kinded convention column.
fn add_local_columns(
    rel: &Path,
    text: &str,
    locals: &[ColumnDef],
    cols: &mut SiteColumns,
    convention: &[ColumnDef],
    diags: &mut Diagnostics,
) {
    super::columns::validate_tree(rel, text, locals, diags);
    let mut names = Vec::new();
    collect_names(convention, &mut names);
    for def in locals {
        let line = line_of_value(text, "id", &def.id);
        let parent = match &def.parent {
            None => None,
            Some(p) => match cols.find(p) {
                Some(i) if cols.list[i].kind.is_list() => Some(i),
                Some(_) => {
                    diags.push(
                        Diagnostic::error(
                            rel,
                            "columns",
                            crate::t!("load-local-under-page", id = def.id.as_str(), parent = p.as_str()),
                        )
                        .at_opt(line)
                        .help(crate::t!("load-local-under-page-help")),
                    );
                    continue;
                }
                None => {
                    let paths = cols.list.iter().map(|c| c.path.as_str());
                    let near = crate::diagnostic::nearest(p, paths)
                        .map(|n| crate::t!("load-did-you-mean", name = n))
                        .unwrap_or_else(|| crate::t!("load-use-column-path"));
                    diags.push(
                        Diagnostic::error(
                            rel,
                            "columns",
                            crate::t!("load-local-unknown-parent", id = def.id.as_str(), parent = p.as_str()),
                        )
                        .at_opt(line)
                        .help(near),
                    );
                    continue;
                }
            },
        };
        let path = match parent {
            Some(p) => format!("{}/{}", cols.list[p].path, def.id),
            None => def.id.clone(),
        };
        if cols.find(&path).is_some() {
            diags.push(
                Diagnostic::error(rel, "columns", crate::t!("load-local-redefines", path = path.as_str()))
                    .at_opt(line)
                    .help(crate::t!("load-local-redefines-help")),
            );
            continue;
        }
        if names.contains(&def.name.as_str()) {
            diags.push(
                Diagnostic::error(
                    rel,
                    "columns",
                    crate::t!("load-local-reuses-name", path = path.as_str(), name = def.name.as_str()),
                )
                .at_opt(line_of_value(text, "name", &def.name))
                .help(crate::t!("load-local-reuses-name-help")),
            );
            continue;
        }
        cols.push(def, parent, None, true);
    }
}

fn collect_names<'a>(defs: &'a [ColumnDef], out: &mut Vec<&'a str>) {
    for d in defs {
        out.push(&d.name);
        collect_names(&d.children, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes() {
        assert!(valid_site_code("5203300001"));
        assert!(valid_site_code("bm12345678"));
        assert!(!valid_site_code("520330001"));
        assert!(!valid_site_code("52033000a1"));
    }
}
