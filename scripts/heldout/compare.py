#!/usr/bin/env python3
"""compare.py OUTDIR [RULE]: the default findings in OUTDIR (one JSON report per library, named
after its directory) against the verdicts of held-out samples 29-50; writes OUTDIR.rows.tsv (rule,
verdict or UNJUDGED, location, reason or message). Used by scripts/heldout.sh."""
import json, os, sys, glob, collections, re
acc = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'docs', 'accuracy')
verdicts = {}
for i in range(29, 51):
    f = f'{acc}/heldout-sample-{i}.tsv'
    if not os.path.exists(f): continue
    for line in open(f):
        if line.startswith('#') or not line.strip(): continue
        p = line.rstrip('\n').split('\t')
        if len(p) < 5: continue
        rule, loc, verdict = p[1], p[2], p[3]
        if verdict not in ('TRUE', 'DEBATABLE', 'FALSE'): continue
        m = re.match(r'(.*):(\d+)$', loc)
        if not m: continue
        verdicts[(rule, m.group(1), int(m.group(2)))] = (verdict, p[4], i)
outdir = sys.argv[1]
only = sys.argv[2] if len(sys.argv) > 2 else None
counts = collections.Counter(); byrule = collections.defaultdict(collections.Counter)
unjudged = collections.Counter(); total = 0
rows = []
for jf in sorted(glob.glob(f'{outdir}/*.json')):
    d = os.path.basename(jf)[:-5]
    try: rep = json.load(open(jf))
    except Exception: continue
    seen = set()
    for f in rep['findings']:
        if f.get('properties', {}).get('confidence', 'high') == 'low': continue
        if f.get('status') == 'suppressed': continue  # in the report, not shown to the user
        if only and f['rule'] != only: continue
        path = f['file'].split('!/', 1)[1] if '!/' in f['file'] else f['file']
        key = (f['rule'], f'{d}/{path}', f['line'])
        if key in seen: continue
        seen.add(key)
        total += 1
        v = verdicts.get(key)
        if v:
            counts[v[0]] += 1; byrule[f['rule']][v[0]] += 1
            rows.append((f['rule'], v[0], f'{d}/{path}:{f["line"]}', v[1][:200]))
        else:
            unjudged[f['rule']] += 1
            rows.append((f['rule'], 'UNJUDGED', f'{d}/{path}:{f["line"]}', f['message'][:200]))
j = sum(counts.values())
print(f'default findings {total}, judged {j}: TRUE {counts["TRUE"]} DEB {counts["DEBATABLE"]} FALSE {counts["FALSE"]}'
      + (f' ({100*counts["TRUE"]//max(j,1)}% TRUE, {100*counts["FALSE"]//max(j,1)}% FALSE)'))
for r in sorted(byrule, key=lambda r: -sum(byrule[r].values())):
    c = byrule[r]; print(f'  {r:32} {c["TRUE"]:4} {c["DEBATABLE"]:4} {c["FALSE"]:4}   unjudged {unjudged[r]}')
for r in sorted(set(unjudged) - set(byrule)): print(f'  {r:32}    0    0    0   unjudged {unjudged[r]}')
with open(f'{outdir}.rows.tsv', 'w') as o:
    for row in rows: o.write('\t'.join(row) + '\n')
