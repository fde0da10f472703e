//! End to end: the findings of issue 13's adversarial audit and newcomer
//! walk-through, one test each, named after what broke.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use support::site::{Site, MARKER};

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

// ---- output folders --------------------------------------------------------

#[test]
fn an_ancestor_of_the_home_directory_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let home = site.outside().join("homes/me");
    site.put_sentinel(&home);
    let out = path_arg(&site.outside().join("homes"));
    site.run_with(&["build", "--out", &out], &home, &[("HOME", &home)])
        .assert_fatal(&format!(
            "refusing to write the site to {out}: it contains the home directory {}",
            home.display()
        ))
        .assert_sentinel_untouched();
}

/// The home from the user database (`getpwuid`), here read from /etc/passwd
/// by the test, for the user the test runs as.
fn database_home() -> Option<String> {
    let probe = tempfile::tempfile().ok()?;
    let uid = std::os::unix::fs::MetadataExt::uid(&probe.metadata().ok()?);
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2) == Some(&uid.to_string().as_str()) && fields.len() > 5)
            .then(|| fields[5].to_owned())
    })
}

#[test]
fn the_home_directory_is_refused_even_with_home_unset() {
    let Some(home) = database_home().filter(|home| Path::new(home).is_dir() && home != "/") else {
        return; // no user database entry: nothing to protect here
    };
    // A site with a content error: even a broken guard could write nothing.
    let site = Site::fixture("unknown-id");
    let mut command = Command::new(env!("CARGO_BIN_EXE_casebook"));
    command
        .args(["build", "--out", &home])
        .current_dir(site.root())
        .env_remove("HOME");
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "refusing to write the site to {home}: it is the home directory"
        )),
        "{stderr}"
    );
}

#[test]
fn a_folder_with_a_git_repository_one_level_down_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let projects = site.outside().join("projects");
    fs::create_dir_all(projects.join("thesis/.git")).unwrap();
    site.put_sentinel(&projects);
    site.run_with(&["build", "--out", "../projects"], &projects, &[])
        .assert_fatal(
            "refusing to write the site to ../projects: it holds a git repository in thesis/",
        )
        .assert_sentinel_untouched();
    assert!(projects.join("thesis/.git").is_dir());
}

#[test]
fn a_folder_with_a_site_one_level_down_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let sites = site.outside().join("sites");
    fs::create_dir_all(sites.join("other")).unwrap();
    fs::write(sites.join("other/casebook.yaml"), "title: Other\n").unwrap();
    site.put_sentinel(&sites);
    site.run_with(&["build", "--out", "../sites"], &sites, &[])
        .assert_fatal("refusing to write the site to ../sites: it holds a site in other/ (content/ or casebook.yaml), which the build would delete")
        .assert_sentinel_untouched();
}

#[test]
fn a_folder_of_unrelated_files_is_refused_unless_forced() {
    let site = Site::fixture("minimal");
    let folder = site.outside().join("d");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("important.txt"), "x\n").unwrap();
    // Checked just before writing, when the path is absolute.
    let shown = site.outside().canonicalize().unwrap().join("d");
    site.run(&["build", "--out", "../d"]).assert_fatal(&format!(
        "refusing to write the site to {}: it holds files that no casebook build wrote, \
         and the build would delete them; choose an empty or new folder with --out, \
         or pass --force to replace its contents",
        shown.display()
    ));
    assert_eq!(
        fs::read_to_string(folder.join("important.txt")).unwrap(),
        "x\n"
    );

    site.run(&["build", "--out", "../d", "--force"])
        .assert_success();
    assert!(!folder.join("important.txt").exists());
    assert!(folder.join("index.html").is_file());
    // The build marked the folder as its own: the next one needs no --force.
    assert!(folder.join(MARKER).is_file());
    site.run(&["build", "--out", "../d"]).assert_success();
}

#[test]
fn a_content_error_is_reported_before_the_folder_is_refused() {
    let site = Site::fixture("unknown-id");
    fs::remove_file(site.path("public").join(MARKER)).unwrap();
    site.build()
        .assert_errors(&[
            "content/events/suit.md:6:5: unknown id \"amazn\" (did you mean \"amazon\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn the_marker_is_constant_so_output_stays_byte_identical() {
    let site = Site::fixture("valid");
    fs::remove_dir_all(site.path("public")).unwrap();
    site.build().assert_success();
    let first = site.files("public");
    site.build().assert_success();
    assert_eq!(first, site.files("public"));
    assert!(first.contains_key(MARKER));
}

#[test]
fn two_builds_into_one_output_never_mix() {
    let one = Site::fixture("valid");
    let two = Site::fixture("minimal");
    fs::remove_dir_all(one.path("public")).unwrap();
    fs::remove_dir_all(two.path("public")).unwrap();
    one.build().assert_success();
    two.build().assert_success();
    let (expected_one, expected_two) = (one.files("public"), two.files("public"));
    let shared = one.outside().join("shared");
    for round in 0..8 {
        let children: Vec<_> = [&one, &two]
            .into_iter()
            .map(|site| {
                Command::new(env!("CARGO_BIN_EXE_casebook"))
                    .args(["build", "--root", &path_arg(site.root())])
                    .args(["--out", &path_arg(&shared)])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success(), "round {round}");
        }
        let written = one.files("../shared");
        assert!(
            written == expected_one || written == expected_two,
            "round {round}: the output mixes two sites"
        );
        let beside: Vec<String> = fs::read_dir(one.outside())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("casebook"))
            .collect();
        assert!(beside.is_empty(), "round {round}: left beside: {beside:?}");
    }
}

// ---- the command line ------------------------------------------------------

#[test]
fn serve_is_another_name_for_watch() {
    let site = Site::fixture("minimal");
    let run = site.run(&["serve", "--help"]).assert_success();
    assert!(run.stdout().contains("--open"), "{}", run.stdout());
    let run = site.run(&["--help"]).assert_success();
    assert!(run.stdout().contains("[alias: serve]"), "{}", run.stdout());
}

#[test]
fn a_mistyped_subcommand_gets_a_suggestion() {
    Site::fixture("minimal")
        .run(&["biuld"])
        .assert_exit(2)
        .assert_stderr_line("  tip: a similar subcommand exists: 'build'");
}

#[test]
fn completions_are_printed_for_each_shell() {
    let site = Site::fixture("minimal");
    for (shell, telltale) in [
        ("bash", "_casebook()"),
        ("zsh", "#compdef casebook"),
        ("fish", "complete -c casebook"),
    ] {
        let run = site.run(&["completions", shell]).assert_success();
        assert!(run.stdout().contains(telltale), "{shell}: {}", run.stdout());
        assert!(run.stdout().contains("watch"), "{shell}");
    }
    site.run(&["completions", "tcsh"]).assert_exit(2);
}

#[test]
fn new_refuses_an_id_another_entity_has() {
    let site = Site::fixture("minimal");
    site.run(&["new", "event", "amazon"]).assert_fatal(
        "the id \"amazon\" is taken by content/parties/amazon.md: ids are unique across the whole site; choose another",
    );
    assert!(!site.path("content/events/amazon.md").exists());
    site.write("content/sources/complaint/index.md", "---\ntitle: C\n---\n");
    site.run(&["new", "page", "complaint"]).assert_exit(2);
}

#[test]
fn new_takes_the_kind_of_a_party() {
    let site = Site::fixture("minimal");
    site.run(&["new", "party", "aws", "--kind", "company"])
        .assert_success();
    assert!(site
        .read("content/parties/aws.md")
        .contains("\nkind: company\n"));
    site.run(&["new", "party", "wd-wash", "--kind", "cort"])
        .assert_fatal("unknown party kind \"cort\" (did you mean \"court\"?); expected one of: person, company, organization, court, government, other");
    site.run(&["new", "event", "suit", "--kind", "company"])
        .assert_fatal("--kind is for parties; an event has no kind to choose");
}

#[test]
fn new_writes_a_title_with_a_line_break_as_valid_yaml() {
    let site = Site::fixture("minimal");
    site.run(&[
        "new",
        "page",
        "about",
        "--title",
        "About: \"us\"\n---\nkind: x",
    ])
    .assert_success();
    let text = site.read("content/pages/about.md");
    assert_eq!(text.matches("\n---\n").count(), 1, "{text}");
    site.check().assert_success();
}

#[test]
fn init_with_ci_github_writes_a_pages_workflow() {
    let site = Site::empty();
    site.run(&["init", "new-site", "--ci", "github"])
        .assert_success();
    let workflow = site.read("new-site/.github/workflows/pages.yml");
    assert_eq!(
        workflow,
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy/github-pages.yml")
        )
        .unwrap()
    );
    assert!(workflow.contains("actions/deploy-pages"));
    assert!(workflow.contains("--base-url"));
    site.run(&["build", "--root", "new-site"]).assert_success();
}

// ---- diagnostics -----------------------------------------------------------

#[test]
fn a_diagnostic_shows_its_source_line_with_a_caret() {
    let site = Site::fixture("unknown-id");
    let run = site.build().assert_exit(1);
    assert_eq!(
        run.stderr(),
        "content/events/suit.md:6:5: unknown id \"amazn\" (did you mean \"amazon\"?)\n    \
         |\n  6 |   - amazn\n    |     ^^^^^\nerror: 1 error found; nothing was written\n"
    );
    assert!(!run.stderr().contains('\u{1b}'), "colour in a pipe");
}

/// Runs `casebook <args>` on a terminal (util-linux `script` gives it one);
/// `None` where `script` is missing.
fn on_a_terminal(site: &Site, args: &str, no_color: bool) -> Option<String> {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_casebook"));
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(site.root())
        .stdin(Stdio::null());
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    let output = script.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn diagnostics_are_coloured_on_a_terminal_unless_no_color() {
    let site = Site::fixture("unknown-id");
    let Some(coloured) = on_a_terminal(&site, "check", false) else {
        return;
    };
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(coloured.contains("^^^^^"), "{coloured}");
    let plain = on_a_terminal(&site, "check", true).unwrap();
    assert!(!plain.contains("\u{1b}["), "{plain}");
    assert!(
        plain.contains("content/events/suit.md:6:5: unknown id"),
        "{plain}"
    );
}

#[test]
fn binding_beyond_loopback_warns_that_the_preview_is_public() {
    let site = Site::fixture("minimal");
    // A taken port ends the run right after the warning, before any build.
    let taken = std::net::TcpListener::bind(("0.0.0.0", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site
        .run(&["watch", "--bind", "0.0.0.0", "--port", &port])
        .assert_exit(2);
    assert_eq!(
        run.stderr().lines().next(),
        Some(
            format!(
                "warning: --bind 0.0.0.0 makes the preview reachable from the network: \
             anyone who can reach port {port} of this machine can read the site, drafts included"
            )
            .as_str()
        ),
        "{}",
        run.stderr()
    );
    let run = site.run(&["watch", "--port", &port]);
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
}

#[test]
fn watch_open_opens_the_served_site_in_the_browser() {
    let site = Site::fixture("minimal");
    let bin = site.outside().join("bin");
    let opened = site.outside().join("opened.txt");
    fs::create_dir(&bin).unwrap();
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut watch = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["serve", "--open", "--port", &port.to_string()])
        .current_dir(site.root())
        .env("PATH", path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let url = loop {
        if let Ok(url) = fs::read_to_string(&opened) {
            if !url.is_empty() {
                break Some(url);
            }
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    watch.kill().unwrap();
    watch.wait().unwrap();
    assert_eq!(
        url.as_deref(),
        Some(format!("http://127.0.0.1:{port}/").as_str())
    );
}
