#!/usr/bin/env python3
"""usage: merge_gold.py A.json B.json OUT.json FAMILY-DESCRIPTION
Two independent annotations -> one gold: groups = intersection of the two partitions (links both made),
ambiguous_links = links only one made. Prints the inter-annotator link F1."""
import itertools, json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
def owner(ann):
    o = {}
    for i, g in enumerate(ann['groups']):
        for d, ns in g['members'].items():
            for n in ns:
                assert (d, n) not in o, f"{(d, n)} twice"
                o[(d, n)] = i
    return o
oa, ob = owner(a), owner(b)
assert set(oa) == set(ob), f"article sets differ: {sorted(set(oa) ^ set(ob))[:10]}"
def links(o):
    out = set()
    for x, y in itertools.combinations(sorted(o), 2):
        if x[0] != y[0] and o[x] == o[y]:
            out.add((x, y))
    return out
la, lb = links(oa), links(ob)
both = la & lb
f1 = 2 * len(both) / max(1, len(la) + len(lb))
print(f"links A {len(la)} B {len(lb)} both {len(both)} agreement F1 {f1:.3f}")
cells = {}
for x in oa:
    cells.setdefault((oa[x], ob[x]), []).append(x)
groups = []
for (ia, ib), xs in sorted(cells.items(), key=lambda kv: min(kv[1])):
    members = {}
    for d, n in sorted(xs):
        members.setdefault(d, []).append(n)
    ta, tb = a['groups'][ia]['topic'], b['groups'][ib]['topic']
    groups.append({'topic': ta if ta == tb else f"{ta} / {tb}", 'members': members})
amb = sorted([list(x), list(y)] for x, y in (la ^ lb))
out = {'about': sys.argv[4] + f" Two independent blind annotations (link agreement F1 {f1:.3f}), kept where both agree; links only one made are ambiguous (count neither for nor against).",
       'groups': groups, 'ambiguous_links': amb, 'sources': a['sources']}
json.dump(out, open(sys.argv[3], 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(f"{len(groups)} groups, {sum(1 for g in groups if len(g['members'])>1)} multi-document, {len(amb)} ambiguous links")
