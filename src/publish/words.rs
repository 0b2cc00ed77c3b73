//! Stage 8, publish: the flow in words, the flowchart's text alternative
//! ("Langkah 3: ... Jika Ya ke langkah 4, jika Tidak kembali ke langkah
//! 2."), from the same resolved flow the sheet is drawn from.

use crate::model::SopDef;
use crate::model::flow::{Flow, Symbol};

/// One sentence group per step.
pub fn flow_in_words(def: &SopDef, flow: &Flow) -> Vec<String> {
    let n = flow.steps.len();
    flow.steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let langkah = &def.langkah[i];
            let actors: Vec<&str> =
                langkah.pelaksana.ids().iter().filter_map(|id| def.pelaksana.get(*id).map(String::as_str)).collect();
            // Several actors: at once, or one after another in that order.
            let who = match (actors.len(), step.parallel) {
                (0 | 1, _) => actors.join(""),
                (_, true) => format!("{} bersamaan", and_list(&actors)),
                (_, false) => actors.join(", lalu "),
            };
            let mut text = format!("Langkah {}: {} — oleh {who}.", i + 1, langkah.kegiatan.trim());
            // A step that waits for branches running at once to finish.
            let joined: Vec<String> = flow
                .edges
                .iter()
                .filter(|e| e.to == i && e.from < i && flow.steps[e.from].symbol != Symbol::Ketupat)
                .map(|e| (e.from + 1).to_string())
                .collect();
            if joined.len() > 1 {
                text.push_str(&format!(" Dimulai setelah langkah {} selesai.", and_list(&joined)));
            }
            if let Some(written) = step.text.as_deref() {
                text.push_str(&format!(" Di simbolnya tertulis \u{201c}{written}\u{201d}."));
            }
            let exits: Vec<_> = flow.edges.iter().filter(|e| e.from == i).collect();
            let goes = |to: usize| {
                if to <= i { format!("kembali ke langkah {}", to + 1) } else { format!("ke langkah {}", to + 1) }
            };
            if step.symbol == Symbol::Ketupat && !exits.is_empty() {
                let parts: Vec<String> = exits
                    .iter()
                    .map(|e| {
                        let label = e.exit.and_then(|k| step.exits.get(k)).map_or("", String::as_str);
                        format!("jika {label} {}", goes(e.to))
                    })
                    .collect();
                let sentence = parts.join(", ");
                let mut chars = sentence.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                text.push_str(&format!(" {first}{}.", chars.as_str()));
            } else if exits.is_empty() || i + 1 == n && exits.is_empty() {
                text.push_str(" Selesai.");
            } else if exits.len() > 1 {
                let targets: Vec<String> = exits.iter().map(|e| (e.to + 1).to_string()).collect();
                text.push_str(&format!(" Bercabang ke langkah {}, yang berjalan bersamaan.", and_list(&targets)));
            } else if exits[0].to != i + 1 {
                let mut chars = goes(exits[0].to);
                chars = format!("Lalu {chars}");
                text.push_str(&format!(" {chars}."));
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
