//! Embeds `themes/default/` into the binary, so `casebook` works on a site
//! without a `themes/` folder. Listing the folder here (rather than by hand in
//! the source) means a file added to the theme can never be forgotten.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    // Read when the script runs, not when it was compiled: a build script
    // compiled for another checkout (a copied target/) must not embed that
    // checkout's theme.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").unwrap();
    let theme = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &mut files);
    files.sort();
    let mut code = String::from("/// The default theme: (path under themes/default/, bytes).\n");
    code.push_str("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&theme).unwrap();
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        println!("cargo:rerun-if-changed={}", file.display());
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    fs::write(out, code).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, files);
            println!("cargo:rerun-if-changed={}", path.display());
        } else {
            files.push(path);
        }
    }
}
