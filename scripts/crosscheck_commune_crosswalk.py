"""Cross-check the commune crosswalk against the independent dvhcvn/20250701 mapping.

dvhcvn/20250701 (MIT) derived an old -> new commune mapping from the National Assembly Standing
Committee's resolutions with a language model and corrected it by hand. It is a second opinion, never
a source: this script only counts where it agrees with our crosswalk (built from the official
conversion table) and writes the old codes where the two differ, codes only, to
include/reference/crosscheck/commune_crosswalk_vs_dvhcvn.csv. Nothing of dvhcvn is copied into the
repository but those codes.

    python scripts/crosscheck_commune_crosswalk.py <dvhcvn dir>

<dvhcvn dir> is a checkout of https://github.com/dvhcvn/20250701 or a bare git directory of it
(then HEAD is read).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
from collections import defaultdict
from pathlib import Path

REFERENCE_ROOT = Path(__file__).resolve().parent.parent / "include" / "reference"
CROSSWALK = REFERENCE_ROOT / "crosswalks" / "commune_vn-2025-01_to_vn-2025-07.csv"
OUTPUT = REFERENCE_ROOT / "crosscheck" / "commune_crosswalk_vs_dvhcvn.csv"
HEADER = ["from_commune_code", "difference", "crosswalk_to_codes", "dvhcvn_to_codes"]
COMMUNE_CODE_WIDTH = 5


def read_dvhcvn(directory: Path, member: str) -> dict:
    if (directory / member).is_file():
        return json.loads((directory / member).read_text(encoding="utf-8"))
    shown = subprocess.run(["git", "-C", str(directory), "show", f"HEAD:{member}"], check=True, capture_output=True)
    return json.loads(shown.stdout)


def dvhcvn_pairs(directory: Path) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[tuple[str, str], bool]]:
    """(old -> new from splits.json, old -> new from merges.json, (old, new) -> whole from merges.json), communes only.

    Both files also map five island districts that had no communes (e.g. 318 Huyện Bạch Long Vĩ) to
    the special zones; those are districts, not communes, and are left out by the code width.
    """
    splits, merges, whole = defaultdict(set), defaultdict(set), {}
    for province in read_dvhcvn(directory, "mapping/splits.json")["data"]:
        for commune in province.get("level3s", []):
            for target in commune["splits"]:
                splits[commune["level3_id"]].add(target["new_id"])
    for province in read_dvhcvn(directory, "mapping/merges.json")["data"]:
        for commune in province.get("level2s", []):
            for source in commune["merges"]:
                if len(source["old_id"]) == COMMUNE_CODE_WIDTH:
                    merges[source["old_id"]].add(commune["level2_id"])
                    whole[(source["old_id"], commune["level2_id"])] = source["type"] == "full"
    return dict(splits), dict(merges), whole


def crosswalk_pairs(path: Path = CROSSWALK) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    mapping, to_whole = defaultdict(set), {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            mapping[row["from_commune_code"]].add(row["to_commune_code"])
            to_whole[(row["from_commune_code"], row["to_commune_code"])] = row["to_whole"]
    return dict(mapping), to_whole


def compare(ours: dict[str, set[str]], theirs: dict[str, set[str]]) -> tuple[dict[str, int], list[list[str]]]:
    counts = {"mapped_alike": 0, "mapped_differently": 0, "crosswalk_only": 0, "dvhcvn_only": 0}
    rows = []
    for code in sorted(set(ours) | set(theirs)):
        if code in ours and code in theirs:
            kind = "mapped_alike" if ours[code] == theirs[code] else "mapped_differently"
        else:
            kind = "crosswalk_only" if code in ours else "dvhcvn_only"
        counts[kind] += 1
        if kind != "mapped_alike":
            rows.append([code, kind, " ".join(sorted(ours.get(code, ()))), " ".join(sorted(theirs.get(code, ())))])
    return counts, rows


def output_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dvhcvn_dir", type=Path)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    splits, merges, their_whole = dvhcvn_pairs(args.dvhcvn_dir)
    ours, our_whole = crosswalk_pairs()
    counts, rows = compare(ours, splits)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(output_bytes(rows))
    print(f"old communes: {len(ours)} in the crosswalk, {len(splits)} in dvhcvn splits.json; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    disagreeing = sum(1 for code in set(splits) | set(merges) if splits.get(code) != merges.get(code))
    print(f"dvhcvn splits.json and merges.json disagree on {disagreeing} old communes")
    shared = [pair for pair in our_whole if pair in their_whole]
    agree = sum(1 for pair in shared if (our_whole[pair] == "true") == their_whole[pair])
    print(f"pairs: {len(our_whole)} in the crosswalk, {len(their_whole)} in dvhcvn, {len(shared)} in both; "
          f"to_whole agrees with dvhcvn's full/partial on {agree} of them")
    print(f"wrote {len(rows)} differences to {args.out}")


if __name__ == "__main__":
    main()
