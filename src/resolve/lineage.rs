//! The lineage of proceedings (SPEC §9): which proceeding came from which.
//!
//! Each proceeding names at most one `from`, so the proceedings form a forest
//! unless the `from` links loop. Resolve reports every loop (naming the
//! proceedings in it) and, for a sound case, keeps the order in which the
//! lineage reads: each original proceeding, then what came of it, depth
//! first. Pure: proceedings are indices here.

/// Every loop of `from` links, each once, starting at its smallest index and
/// following `from`; loops in the order of their smallest index.
pub(crate) fn cycles(from: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut state = vec![0u8; from.len()]; // 0 new, 1 on the current walk, 2 done
    let mut found = Vec::new();
    for start in 0..from.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(node) = at.filter(|&n| n < from.len()) {
            match state[node] {
                0 => {
                    state[node] = 1;
                    walk.push(node);
                    at = from[node];
                }
                1 => {
                    let begin = walk.iter().position(|&n| n == node).expect("on the walk");
                    let mut cycle = walk[begin..].to_vec();
                    let smallest = (0..cycle.len())
                        .min_by_key(|&i| cycle[i])
                        .expect("not empty");
                    cycle.rotate_left(smallest);
                    found.push(cycle);
                    break;
                }
                _ => break,
            }
        }
        for node in walk {
            state[node] = 2;
        }
    }
    found.sort();
    found
}

/// The proceedings in lineage order with their depth: every proceeding
/// without `from` (in the order given), each followed by those that came
/// from it, depth first. Proceedings on a loop are left out (they are an error).
pub(crate) fn order(from: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let roots = (0..from.len()).filter(|&p| from[p].is_none_or(|f| f >= from.len()));
    let mut stack: Vec<(usize, usize)> = roots.rev().map(|p| (p, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        out.push((node, depth));
        let children = (0..from.len()).filter(|&c| from[c] == Some(node) && c != node);
        let children: Vec<usize> = children.collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cycles, order};

    #[test]
    fn a_chain_has_no_cycle_and_reads_from_the_start() {
        // federal suit 0 → refiled 2 → removed 1
        let from = [None, Some(2), Some(0)];
        assert!(cycles(&from).is_empty());
        assert_eq!(order(&from), vec![(0, 0), (2, 1), (1, 2)]);
    }

    #[test]
    fn every_loop_is_found_once_from_its_smallest_member() {
        let from = [Some(2), Some(1), Some(3), Some(0), Some(3)];
        assert_eq!(cycles(&from), vec![vec![0, 2, 3], vec![1]]);
        assert!(order(&from).is_empty());
    }

    #[test]
    fn branches_follow_their_parent() {
        let from = [None, Some(0), None, Some(0), Some(1)];
        assert_eq!(order(&from), vec![(0, 0), (1, 1), (4, 2), (3, 1), (2, 0)]);
    }
}
