"""Casting recommendations on a generated set with planted good matches: precision at 10 per part and
the mean, ranked by the embedding model (WordLlama, offline) and by shared words alone (the same
hard filters either way), and how long ranking all actors takes, cold (every profile embedded)
and warm (vectors cached by revision). Figures are noisy: other work shares the CPU.

    python -m bench.casting_eval [--people 5000] [--seed 8]
"""
import argparse
import statistics
import time

from bench.casting_eval_set import evaluation_set, precision_at
from core.casting_recommendations import brief_from_casting_call, recommend
from core.embeddings import ProfileVectors
from core.search import DirectoryIndex

K = 10


def precision_by_part(index: DirectoryIndex, parts: list[dict], vectors: ProfileVectors | None) -> dict[str, float]:
    return {name: precision for name, (precision, _) in ranked_parts(index, parts, vectors).items()}


def ranked_parts(index: DirectoryIndex, parts: list[dict], vectors: ProfileVectors | None) -> dict[str, tuple]:
    """Per part: (precision at K, how many actors passed the hard filters)."""
    found = {}
    for part in parts:
        ranked = recommend(index, brief_from_casting_call(part), vectors, limit=K)
        found[part["role_name"]] = (
            precision_at([c.person_id for c in ranked.candidates], set(part["good_matches"]), K), ranked.considered)
    return found


def build_index(docs: list[dict]) -> DirectoryIndex:
    index = DirectoryIndex()
    for doc in docs:
        index.upsert(doc)
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=8)
    arguments = parser.parse_args()
    from workers.embeddings import WordLlamaEmbeddings

    docs, parts = evaluation_set(arguments.people, arguments.seed)
    index = build_index(docs)
    started = time.perf_counter()
    model = WordLlamaEmbeddings()
    load_s = time.perf_counter() - started
    vectors = ProfileVectors(model)
    print(f"{len(docs)} actors, {len(parts)} parts, good matches per part: "
          f"{min(len(p['good_matches']) for p in parts)} to {max(len(p['good_matches']) for p in parts)}")
    print(f"model {model.model_name} loaded in {load_s:.2f} s")

    started = time.perf_counter()
    with_model = ranked_parts(index, parts, vectors)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    precision_by_part(index, parts, vectors)
    warm_s = time.perf_counter() - started
    keywords = precision_by_part(index, parts, None)
    # What the filters alone give: the expected precision of a random order of those who pass them.
    chance = {p["role_name"]: len(p["good_matches"]) / max(with_model[p["role_name"]][1], 1) for p in parts}

    print(f"{'part':18} {'passed filters':>14} {'good':>5} {'P@10 model':>11} {'P@10 words':>11} {'P@10 chance':>12}")
    for part in parts:
        name = part["role_name"]
        print(f"{name:18} {with_model[name][1]:14} {len(part['good_matches']):5} {with_model[name][0]:11.2f} "
              f"{keywords[name]:11.2f} {chance[name]:12.2f}")
    print(f"{'mean':18} {'':14} {'':5} {statistics.mean(p for p, _ in with_model.values()):11.3f} "
          f"{statistics.mean(keywords.values()):11.3f} {statistics.mean(chance.values()):12.3f}")
    print(f"ranking {len(parts)} parts: cold {cold_s:.2f} s ({vectors.embedded} profiles embedded), "
          f"warm {warm_s:.3f} s ({warm_s / len(parts) * 1000:.1f} ms a part)")
    big = build_index(evaluation_set(max(arguments.people, 5000), arguments.seed + 1)[0])
    everyone = [brief_from_casting_call({**parts[0], "gender": "", "playing_age": {}, "languages": [],
                                         "location": {}, "rate": {}, "start_date": None})][0]
    fresh = ProfileVectors(model)
    started = time.perf_counter()
    considered = recommend(big, everyone, fresh).considered
    cold_all_s = time.perf_counter() - started
    started = time.perf_counter()
    recommend(big, everyone, fresh)
    warm_all_s = time.perf_counter() - started
    print(f"no filters, {considered} actors ranked: cold {cold_all_s:.2f} s, warm {warm_all_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
