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

/// The default theme's event template, failing on the events titled
/// `titles`, each on a line of its own with a field of its own
/// (`no_such_field_0`, …): every other page is rendered, and
/// written into the staging folder, before or while those fail.
fn event_template_failing_on(titles: &[&str]) -> String {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/event.html");
    let template = fs::read_to_string(theme).unwrap();
    let failing: String = titles
        .iter()
        .enumerate()
        .map(|(index, title)| {
            format!("{{% if entity.title == \"{title}\" %}}{{{{ entity.no_such_field_{index} }}}}{{% endif %}}\n")
        })
        .collect();
    template.replacen("<article", &format!("{failing}<article"), 1)
}

#[test]
fn a_template_error_on_late_pages_leaves_the_old_output_and_nothing_beside() {
    let site = Site::fixture("valid");
    site.write(
        "templates/event.html",
        event_template_failing_on(&["Z zulu", "Year 2021"]),
    );
    let missing = |field: &str, at: &str| {
        format!("templates/event.html:{at}: template error: Variable `entity.{field}` not found in context while rendering 'event.html'")
    };
    site.build()
        .assert_errors(&[
            &missing("no_such_field_0", "3:37"),
            &missing("no_such_field_1", "4:40"),
        ])
        .assert_sentinel_untouched();
    assert_eq!(
        site.files("public").len(),
        2,
        "only the sentinel and the marker"
    );
}

#[test]
fn a_template_error_is_reported_before_the_folder_is_refused() {
    let site = Site::fixture("valid");
    site.write(
        "templates/event.html",
        event_template_failing_on(&["Z zulu"]),
    );
    fs::remove_file(site.path("public").join(MARKER)).unwrap();
    site.build()
        .assert_errors(&["templates/event.html:3:37: template error: Variable `entity.no_such_field_0` not found in context while rendering 'event.html'"])
        .assert_sentinel_untouched();
}

#[test]
fn a_streamed_build_is_the_site_check_finds() {
    // `build` writes each file as it is made; its summary counts them all.
    let site = Site::fixture("valid");
    fs::remove_dir_all(site.path("public")).unwrap();
    let built = site.build().assert_success();
    let checked = site.check().assert_success();
    let files = site.files("public");
    let pages = files.keys().filter(|path| path.ends_with(".html")).count();
    let counts = format!("{pages} pages ({} files)", files.len() - 1);
    assert!(built.stdout().contains(&counts), "{}", built.stdout());
    assert!(checked.stdout().contains(&counts), "{}", checked.stdout());
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
    let taken_here = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken_here.local_addr().unwrap().port().to_string();
    let run = site.run(&["watch", "--port", &port]).assert_exit(2);
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

// ---- content: languages, numbers, links --------------------------------------

/// The minimal fixture with one more file.
fn minimal_with(relative: &str, text: &str) -> Site {
    let site = Site::fixture("minimal");
    site.write(relative, text);
    site
}

const SOURCE_HEAD: &str = "---\ntitle: The complaint\npublisher: The court\n";

#[test]
fn any_well_formed_language_tag_is_shown_by_name() {
    for (tag, shown) in [
        ("es-MX", "Spanish (MX)"),
        ("pl", "Polish"),
        ("EN", "English"),
        ("sr-Latn-RS", "sr-Latn-RS"),
    ] {
        let site = minimal_with(
            "content/sources/complaint.md",
            &format!("{SOURCE_HEAD}language: {tag}\n---\n"),
        );
        site.build().assert_success();
        let page = site.read("public/sources/complaint/index.html");
        assert!(page.contains(&format!("<dd>{shown}</dd>")), "{tag}: {page}");
    }
}

#[test]
fn a_malformed_language_tag_is_an_error_at_its_line() {
    minimal_with(
        "content/sources/complaint.md",
        &format!("{SOURCE_HEAD}language: english\n---\n"),
    )
    .build()
    .assert_errors(&["content/sources/complaint.md:4:11: malformed language tag \"english\": it must start with a language code of 2 or 3 letters (ISO 639) (a BCP 47 tag such as \"en\", \"es-MX\" or \"zh-Hant\")"])
    .assert_sentinel_untouched();
}

#[test]
fn a_base_url_must_be_an_absolute_http_url() {
    for (url, column) in [
        ("example.org/case/", 11),
        ("\"https:// x\"", 11),
        ("javascript:alert(1)", 11),
    ] {
        let site = Site::fixture("minimal");
        site.write(
            "casebook.yaml",
            format!("title: Test case\nlanguage: en\nbase_url: {url}\n"),
        );
        let run = site.build().assert_exit(1);
        assert!(
            run.headlines()[0].starts_with(&format!("casebook.yaml:3:{column}: base_url ")),
            "{url}: {}",
            run.stderr()
        );
    }
}

#[test]
fn number_fields_never_name_rust_types() {
    let site = minimal_with(
        "content/pages/about.md",
        "---\ntitle: About\nweight: 0x10\n---\n",
    );
    site.build().assert_success();
    minimal_with("content/pages/about.md", "---\ntitle: About\nweight: heavy\n---\n")
        .build()
        .assert_errors(&["content/pages/about.md:3:9: invalid YAML: weight: wrong type: string \"heavy\", expected a number"]);
}

#[test]
fn links_that_run_code_are_errors_at_their_line() {
    let site = minimal_with(
        "content/parties/shady.md",
        "---\ntitle: Shady\nwebsite: \"javascript:alert(1)\"\n---\n\n\
         [a](javascript:alert(1)) [b](VBScript:x)\n\n![c](data:text/html;base64,PHNjcmlwdD4=)\n\n\
         [ok](https://example.org) [mail](mailto:a@example.org) [[amazon]]\n\n\
         <a href=\"javascript:void(0)\">raw HTML is the writer's own</a>\n",
    );
    site.write(
        "content/sources/s.md",
        "---\ntitle: S\nurl: \" JaVa\tScRiPt:alert(1)\"\n---\n",
    );
    site.build().assert_errors(&[
        "content/parties/shady.md:3:10: link to \"javascript:alert(1)\": a javascript: link runs code in the reader's browser; link to an http(s) address or a file of the site instead",
        "content/parties/shady.md:6:1: link to \"javascript:alert(1)\": a javascript: link runs code in the reader's browser; link to an http(s) address or a file of the site instead",
        "content/parties/shady.md:6:26: link to \"VBScript:x\": a vbscript: link runs code in the reader's browser; link to an http(s) address or a file of the site instead",
        "content/parties/shady.md:8:1: link to \"data:text/html;base64,PHNjcmlwdD4=\": a data: link runs code in the reader's browser; link to an http(s) address or a file of the site instead",
        "content/sources/s.md:3:6: link to \" JaVa\\u{9}ScRiPt:alert(1)\": a javascript: link runs code in the reader's browser; link to an http(s) address or a file of the site instead",
    ]);
}

#[test]
fn raw_html_stays_allowed() {
    let site = minimal_with(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\n<details><summary>More</summary>\n\n<a href=\"#x\">x</a>\n\n</details>\n",
    );
    site.build().assert_success();
    assert!(site
        .read("public/about/index.html")
        .contains("<details><summary>More</summary>"));
}

#[test]
fn a_root_absolute_link_is_an_error_with_the_fix() {
    minimal_with(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nSee [Amazon](/parties/amazon/) and [the timeline](/timeline/x.html).\n",
    )
    .build()
    .assert_errors(&[
        "content/pages/about.md:5:5: link to \"/parties/amazon/\" starts at the host's root and breaks when the site is served under a subpath; write [[amazon]] instead",
        "content/pages/about.md:5:36: link to \"/timeline/x.html\" starts at the host's root and breaks when the site is served under a subpath; write a path relative to this file (../ climbs one folder) instead",
    ]);
}

#[test]
fn an_unclosed_wiki_link_is_an_error() {
    minimal_with(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nSee [[amazon and more.\n\n`[[in code` is fine.\n",
    )
    .build()
    .assert_errors(&["content/pages/about.md:5:5: unclosed \"[[\": a reference is [[id]] on one line; for literal brackets write \\[["]);
}

#[test]
fn a_theme_is_a_name_not_a_path() {
    for theme in ["../elsewhere", "/etc", "a/b"] {
        let site = Site::fixture("minimal");
        site.write(
            "casebook.yaml",
            format!("title: Test case\nlanguage: en\ntheme: \"{theme}\"\n"),
        );
        site.build().assert_errors(&[&format!(
            "casebook.yaml:3:8: theme \"{theme}\" is not a theme name: a theme is a folder under themes/, named by its name alone (like \"default\"), not a path"
        )]);
    }
}

#[test]
fn control_characters_in_names_are_escaped() {
    let site = minimal_with(
        "content/events/bad\u{1b}[2J.md",
        "---\ntitle: x\ndate: 2021\n---\n",
    );
    let run = site.build().assert_exit(1);
    assert!(!run.stderr().contains('\u{1b}'), "{:?}", run.stderr());
    assert!(
        run.stderr().contains("bad\\u{1b}[2J.md"),
        "{}",
        run.stderr()
    );
}

// ---- content/: links and special files ----------------------------------------

#[test]
fn a_symlink_inside_the_site_is_followed_and_one_leading_out_is_reported() {
    let site = Site::fixture("minimal");
    site.write("drafts/aws.md", "---\ntitle: AWS\nkind: company\n---\n");
    std::os::unix::fs::symlink(
        site.path("drafts/aws.md"),
        site.path("content/parties/aws.md"),
    )
    .unwrap();
    site.build().assert_success();
    assert!(site.path("public/parties/aws/index.html").is_file());

    fs::write(
        site.outside().join("secret.md"),
        "---\ntitle: Secret\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.outside().join("secret.md"),
        site.path("content/parties/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.path("nowhere.md"),
        site.path("content/parties/gone.md"),
    )
    .unwrap();
    site.build().assert_errors(&[
        "content/parties/gone.md:1:1: content/parties/gone.md is a symbolic link to nothing (its target is gone); remove it",
        "content/parties/secret.md:1:1: content/parties/secret.md is a symbolic link that leads outside the site, which casebook does not follow; copy the file here instead",
    ]);
}

#[test]
fn a_fifo_in_content_is_reported_not_read() {
    let site = Site::fixture("minimal");
    let fifo = site.path("content/events/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        return; // no mkfifo here
    }
    site.build().assert_errors(&[
        "content/events/pipe.md:1:1: content/events/pipe.md is not a regular file (a named pipe, socket or device), which casebook cannot read; remove it",
    ]);
}

// ---- page bundles ------------------------------------------------------------

#[test]
fn a_page_bundle_publishes_its_files_beside_the_page() {
    let site = Site::fixture("minimal");
    site.write(
        "content/sources/complaint/index.md",
        "---\ntitle: The complaint\nkind: filing\nfile: complaint.pdf\n---\n\n\
         Read [the complaint](complaint.pdf#page=2).\n\n![The first page](scans/page-1.png)\n",
    );
    site.write("content/sources/complaint/complaint.pdf", vec![b'%'; 4_200]);
    site.write("content/sources/complaint/scans/page-1.png", b"png");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nThe [complaint](../sources/complaint/complaint.pdf).\n",
    );
    site.build().assert_success();
    assert_eq!(
        fs::read(site.path("public/sources/complaint/complaint.pdf"))
            .unwrap()
            .len(),
        4_200
    );
    assert!(site
        .path("public/sources/complaint/scans/page-1.png")
        .is_file());
    let page = site.read("public/sources/complaint/index.html");
    assert!(page.contains("(PDF, 4.2 kB)"), "{page}");
    assert!(
        page.contains("href=\"../../sources/complaint/complaint.pdf#page=2\""),
        "{page}"
    );
    assert!(
        page.contains("src=\"../../sources/complaint/scans/page-1.png\""),
        "{page}"
    );
    let about = site.read("public/about/index.html");
    assert!(
        about.contains("href=\"../sources/complaint/complaint.pdf\""),
        "{about}"
    );
}

#[test]
fn links_to_missing_local_files_are_errors() {
    let site = Site::fixture("minimal");
    site.write(
        "content/sources/complaint/index.md",
        "---\ntitle: The complaint\nfile: complain.pdf\n---\n\nSee ![scan](scan.png).\n",
    );
    site.write("content/sources/complaint/complaint.pdf", b"%PDF");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nSee [the order](order.pdf).\n",
    );
    site.build().assert_errors(&[
        "content/pages/about.md:5:5: link to \"order.pdf\": only the files of a page bundle are published; make this entity a folder, content/pages/about/index.md, with order.pdf beside it",
        "content/sources/complaint/index.md:3:7: file \"complain.pdf\": there is no file content/sources/complaint/complain.pdf",
        "content/sources/complaint/index.md:6:5: link to \"scan.png\": there is no file content/sources/complaint/scan.png",
    ]);
}

#[test]
fn a_drafts_bundle_files_are_not_published() {
    let site = Site::fixture("minimal");
    site.write(
        "content/sources/memo/index.md",
        "---\ntitle: Memo\ndraft: true\n---\n",
    );
    site.write("content/sources/memo/memo.pdf", b"%PDF");
    site.build().assert_success();
    assert!(!site.path("public/sources/memo").exists());
    site.run(&["build", "--drafts"]).assert_success();
    assert!(site.path("public/sources/memo/memo.pdf").is_file());
}

#[test]
fn yaml_mistakes_come_with_a_hint() {
    let run = minimal_with(
        "content/pages/about.md",
        "---\ntitle: Parler: the case\n---\n",
    )
    .build()
    .assert_errors(&[
        "content/pages/about.md:2:14: invalid YAML: mapping values are not allowed in this context",
    ]);
    assert!(
        run.stderr().contains(
            "= help: a value that contains \": \" must be quoted: title: \"Parler: the case\""
        ),
        "{}",
        run.stderr()
    );
    let run = minimal_with(
        "content/pages/about.md",
        "---\ntitle: About\nparties:\n\t- amazon\n---\n",
    )
    .build()
    .assert_exit(1);
    assert!(
        run.stderr()
            .contains("= help: YAML indents with spaces only: replace the tab with spaces"),
        "{}",
        run.stderr()
    );
}

#[test]
fn watch_refuses_a_folder_of_unrelated_files_too() {
    let site = Site::fixture("minimal");
    let folder = site.outside().join("d");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("important.txt"), "x\n").unwrap();
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let run = site
        .run(&["watch", "--out", "../d", "--port", &port])
        .assert_exit(2);
    assert!(
        run.stderr()
            .contains("it holds files that no casebook build wrote"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        fs::read_to_string(folder.join("important.txt")).unwrap(),
        "x\n"
    );
}
