//! Stage 8, publish: the flow in words, the flowchart's text alternative
//! ("Langkah 3: ... Jika Ya ke langkah 4, jika Tidak kembali ke langkah
//! 2."), from the same resolved flow the sheet is drawn from.

use crate::model::SopDef;
use crate::model::flow::Flow;

/// One sentence group per step.
pub fn flow_in_words(def: &SopDef, flow: &Flow) -> Vec<String> {
    let numbers = def.printed_numbers();
    let number = |step: usize| numbers.get(step).cloned().unwrap_or_else(|| (step + 1).to_string());
    let actor = |lane: usize| def.pelaksana.get_index(lane).map_or("", |(_, name)| name.as_str());
    flow.steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let langkah = &def.langkah[i];
            let actors: Vec<&str> = step.lanes.iter().map(|&lane| actor(lane)).collect();
            // Several actors: at once, or one after another in that order.
            let who = match (actors.len(), step.parallel) {
                (0 | 1, _) => actors.join(""),
                (_, true) => format!("{} bersamaan", and_list(&actors)),
                (_, false) => actors.join(", lalu "),
            };
            let mut text = format!("Langkah {}: {} — oleh {who}.", number(i), langkah.kegiatan.trim());
            // A step that waits for branches running at once to finish.
            let joined: Vec<String> = flow
                .edges
                .iter()
                .filter(|e| e.to == i && e.from < i && !flow.steps[e.from].decides())
                .map(|e| number(e.from))
                .collect();
            if joined.len() > 1 {
                text.push_str(&format!(" Dimulai setelah langkah {} selesai.", and_list(&joined)));
            }
            let written: Vec<&str> = step.texts.iter().flatten().map(String::as_str).collect();
            if let Some(first) = written.first() {
                text.push_str(&format!(" Di simbolnya tertulis \u{201c}{first}\u{201d}."));
            }
            let exits: Vec<_> = flow.edges.iter().filter(|e| e.from == i).collect();
            let goes = |to: usize| {
                if to <= i {
                    format!("kembali ke langkah {}", number(to))
                } else {
                    format!("ke langkah {}", number(to))
                }
            };
            if step.decides() && (!exits.is_empty() || !step.links.is_empty()) {
                let mut parts: Vec<String> = Vec::new();
                for link in step.links.iter().filter(|l| l.exit.is_some()) {
                    let label = flow.link_label(i, link).map_or(String::new(), |l| format!("{l} "));
                    parts.push(format!("jika {label}diteruskan oleh {}", actor(link.to)));
                }
                for e in &exits {
                    let label = flow.label(e).map_or(String::new(), |l| format!("{l} "));
                    parts.push(format!("jika {label}{}", goes(e.to)));
                }
                let sentence = parts.join(", ");
                let mut chars = sentence.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                text.push_str(&format!(" {first}{}.", chars.as_str()));
            } else if exits.is_empty() {
                text.push_str(" Selesai.");
            } else if exits.len() > 1 {
                let targets: Vec<String> = exits.iter().map(|e| number(e.to)).collect();
                text.push_str(&format!(" Bercabang ke langkah {}, yang berjalan bersamaan.", and_list(&targets)));
            } else if exits[0].to != i + 1 {
                text.push_str(&format!(" Lalu {}.", goes(exits[0].to)));
            }
            text
        })
        .collect()
}

/// "A", "A dan B", "A, B dan C".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} dan {}", rest.join(", "), last.as_ref())
        }
    }
}
