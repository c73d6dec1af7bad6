//! Saved interview plans (templates), one RON file each in the user's plans folder.

use std::path::{Path, PathBuf};

use crate::model::plan::{InterviewPlan, PLAN_SCHEMA_VERSION};

use super::error::StoreError;
use super::ron_file;

/// The file a plan titled `title` is saved to.
pub fn plan_path(dir: &Path, title: &str) -> PathBuf {
    let stem = if title.trim().is_empty() {
        "untitled-plan"
    } else {
        title
    };
    dir.join(format!("{}.ron", crate::model::names::safe_file_stem(stem)))
}

pub fn save_plan(path: &Path, plan: &InterviewPlan) -> Result<(), StoreError> {
    ron_file::save(path, plan)
}

pub fn load_plan(path: &Path) -> Result<InterviewPlan, StoreError> {
    ron_file::load(path, PLAN_SCHEMA_VERSION, "plan")
}

/// Plans in the folder sorted by file name, each loaded or with the reason it failed.
pub fn list_plans(dir: &Path) -> Vec<(PathBuf, Result<InterviewPlan, StoreError>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let plan = load_plan(&path);
            (path, plan)
        })
        .collect()
}

pub fn delete_plan(path: &Path) -> Result<(), StoreError> {
    std::fs::remove_file(path).map_err(|err| StoreError::io(path, err))
}
