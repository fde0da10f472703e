use super::{layout, wrap, MapClaim, MapParty, RelationMap, NODE_WIDTH, WIDTH};

fn party(title: &'static str, role: &'static str) -> MapParty<'static> {
    MapParty {
        title,
        href: "parties/x/",
        role,
    }
}

fn claim(title: &'static str, by: &[usize], against: &[usize]) -> MapClaim<'static> {
    MapClaim {
        title,
        href: "claims/x/",
        status: "alleged",
        by: by.to_vec(),
        against: against.to_vec(),
    }
}

/// Parler (0) against AWS (1) and Amazon.com (2); a court (3) that is named by no
/// claim; a third party (4) that sues AWS.
fn parler() -> RelationMap<'static> {
    let parties = [
        party("Amazon Web Services, Inc.", "defendant"),
        party("Parler LLC", "plaintiff"),
        party("Amazon.com, Inc.", "defendant"),
        party("District Court", "court"),
        party("Users of Parler in Colorado", "third-party"),
    ];
    let claims = [
        claim("Sherman Act: conspiracy in restraint of trade", &[1], &[0]),
        claim("Section 230 immunity", &[0], &[1]),
        claim("Defamation", &[1], &[0, 2]),
        claim("Breach of contract", &[1], &[0]),
        claim("Class action", &[4], &[0]),
    ];
    layout(&parties, &claims).expect("a map")
}

fn node<'m>(map: &'m RelationMap<'_>, title: &str) -> &'m super::Node<'m> {
    map.nodes.iter().find(|n| n.title == title).expect("node")
}

#[test]
fn plaintiffs_left_defendants_right_others_apart() {
    let map = parler();
    assert_eq!(node(&map, "Parler LLC").x, 0);
    assert_eq!(
        node(&map, "Amazon Web Services, Inc.").x,
        WIDTH - NODE_WIDTH
    );
    assert_eq!(node(&map, "Amazon.com, Inc.").x, WIDTH - NODE_WIDTH);
    let third = node(&map, "Users of Parler in Colorado");
    assert_eq!(third.x, 0, "it sues a defendant, so it stands on the left");
    assert!(third.y >= node(&map, "Parler LLC").y + node(&map, "Parler LLC").h + 20);
    assert!(
        map.nodes.iter().all(|n| n.title != "District Court"),
        "named by no claim"
    );
    let roles: Vec<&str> = map.headings.iter().map(|h| h.role).collect();
    assert_eq!(roles, vec!["plaintiff", "third-party", "defendant"]);
}

#[test]
fn every_claim_is_an_edge_from_each_party_bringing_it_to_each_facing_it() {
    let map = parler();
    let defamation = map
        .claims
        .iter()
        .find(|c| c.title == "Defamation")
        .expect("claim");
    assert_eq!(defamation.edges.len(), 3);
    assert_eq!(defamation.edges.iter().filter(|e| e.facing).count(), 2);
    // the facing curve ends at the defendant's left edge
    let aws = node(&map, "Amazon Web Services, Inc.");
    let facing = &defamation.edges[1];
    assert!(
        facing
            .d
            .ends_with(&format!("{} {}", aws.x, aws.y + aws.h / 2)),
        "{}",
        facing.d
    );
    // a defence brought by AWS ends at Parler's right edge
    let immunity = map
        .claims
        .iter()
        .find(|c| c.title == "Section 230 immunity")
        .expect("claim");
    let parler = node(&map, "Parler LLC");
    let to_parler = immunity
        .edges
        .iter()
        .find(|e| e.facing)
        .expect("facing edge");
    assert!(to_parler
        .d
        .ends_with(&format!("{} {}", parler.w, parler.y + parler.h / 2)));
}

#[test]
fn claims_between_the_same_parties_sit_together_and_never_overlap() {
    let map = parler();
    let titles: Vec<&str> = map.claims.iter().map(|c| c.title).collect();
    assert_eq!(
        titles,
        vec![
            "Sherman Act: conspiracy in restraint of trade",
            "Section 230 immunity",
            "Breach of contract",
            "Defamation",
            "Class action"
        ]
    );
    for pair in map.claims.windows(2) {
        assert!(pair[1].y >= pair[0].y + pair[0].h);
    }
    for side in [0, WIDTH - NODE_WIDTH] {
        let column: Vec<_> = map.nodes.iter().filter(|n| n.x == side).collect();
        for pair in column.windows(2) {
            assert!(pair[1].y >= pair[0].y + pair[0].h);
        }
    }
    assert!(map.height >= map.claims.last().map_or(0, |c| c.y + c.h));
}

#[test]
fn everything_fits_the_width_of_a_phone() {
    let map = parler();
    assert!(map.width <= 400);
    assert!(map.nodes.iter().all(|n| n.x >= 0 && n.x + n.w <= map.width));
    assert!(map
        .claims
        .iter()
        .all(|c| c.x > NODE_WIDTH && c.x + c.w < map.width - NODE_WIDTH));
}

#[test]
fn the_same_case_gives_the_same_map() {
    assert_eq!(format!("{:?}", parler()), format!("{:?}", parler()));
}

#[test]
fn no_claims_no_map() {
    assert!(layout(&[party("Parler", "plaintiff")], &[]).is_none());
}

#[test]
fn wrapping_breaks_at_words_and_shortens_the_last_line() {
    assert_eq!(
        wrap("Antrag auf einstweilige Verfügung", 24, 3),
        vec!["Antrag auf einstweilige", "Verfügung"]
    );
    assert_eq!(wrap("a b c d e f", 3, 2), vec!["a b", "c…"]);
    assert_eq!(wrap("Donaudampfschifffahrt", 8, 3), vec!["Donauda…"]);
}
