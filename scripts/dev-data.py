#!/usr/bin/env python3
"""Builds the checker's development sets (benches/data/dev/) and the model
data that leaves them out (data/gongwen-ngrams.txt, data/observed-slips.txt).

    scripts/dev-data.py ECSPELL_CHECKOUT PYCORRECTOR_CHECKOUT

ECSpell (github.com/aopolin-lv/ECSpell, MIT) gives the official-document,
legal and medical training splits; pycorrector (github.com/shibing624/
pycorrector, Apache-2.0) gives SIGHAN 2015's training split and 200
Wikipedia paragraphs. No test split is read.

The model data was first built from ECSpell's official-document split
(its first 1200 sentences), the correct side of every sentence of the
legal and medical splits, and ECSpell's official-writing word list. This
script takes the sentences held out here back out of those counts, so the
legal and medical sources measure the checker on text it never saw. It
starts from the counts as first built (commit FIRST_BUILT), so it may be
run again.
"""
import collections
import re
import subprocess
import sys

ecspell, pycorrector = sys.argv[1], sys.argv[2]
# The commit whose model data was built with every legal and medical sentence.
FIRST_BUILT = 'd58fc44'
HAN = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff]+')


def show(repo, path):
    spec = path if ':' in path else f'HEAD:{path}'
    return subprocess.run(['git', '-C', repo, 'show', spec],
                          capture_output=True, text=True, check=True).stdout


def ecspell_rows(name):
    return [l.split('\t') for l in show(ecspell, f'Data/domains_data/{name}.train').splitlines()]


def spread(rows, n):
    """n rows evenly spread over `rows`, in order."""
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


def write(name, head, pairs):
    with open(f'benches/data/dev/{name}.tsv', 'w') as f:
        f.write(f'# {head}\n')
        for w, r in pairs:
            f.write(f'{w}\t{r}\n')


held = {}
for name, title, errors, correct in [('law', '法律', 250, 450), ('med', '医疗', 250, 700)]:
    rows = ecspell_rows(name)
    wrong = [r for r in rows if r[0] != '0' and len(r[1]) == len(r[2])]
    right = [r for r in rows if r[0] == '0' and r[1] == r[2]]
    chosen = spread(wrong, errors) + spread(right, correct)
    held[name] = {(r[1], r[2]) for r in chosen}
    write(name, f'ECSpell（github.com/aopolin-lv/ECSpell，MIT 许可）Data/domains_data/{name}.train，{title}语体：'
          f'均匀取 {errors} 个错句、{correct} 个正确句。错句<TAB>正句；正确句两栏相同。'
          f'模型数据（data/gongwen-ngrams.txt、data/observed-slips.txt）不含这些句子。',
          [(r[1], r[2]) for r in chosen])

sighan = [l.split('\t') for l in show(pycorrector, 'examples/data/sighan_2015/train.tsv').splitlines()]
sighan = [r for r in sighan if len(r) == 2 and len(r[0]) == len(r[1])]
wrong = spread([r for r in sighan if r[0] != r[1]], 400)
chosen = {tuple(r) for r in wrong}
right = [(r[1], r[1]) for r in sighan if tuple(r) not in chosen]
write('sighan15', 'SIGHAN 2015 中文拼写检查任务训练集（学习者作文语体，繁体已转简体；取自 github.com/shibing624/pycorrector '
      'examples/data/sighan_2015/train.tsv，供研究使用）：均匀取 400 个错句；其余句子取改正后的一栏作正确句。',
      [tuple(r) for r in wrong] + spread(right, 1200))

wiki = []
for para in show(pycorrector, 'examples/data/wiki_zh_200.txt').splitlines():
    for s in re.findall(r'[^。！？]*[。！？]', para):
        s = s.strip()
        if 15 <= len(s) <= 120 and len(''.join(HAN.findall(s))) >= 10:
            wiki.append((s, s))
write('wiki', '维基百科中文 200 段（百科语体，CC BY-SA 3.0；取自 github.com/shibing624/pycorrector '
      'examples/data/wiki_zh_200.txt），按句号、问号、叹号切成句子，只作正确句。', wiki)


def grams(text, counts):
    for run in HAN.findall(text):
        for n in (2, 3, 4):
            for i in range(len(run) - n + 1):
                counts[run[i:i + n]] += 1


def slips(rows, counts):
    for r in rows:
        if len(r[1]) == len(r[2]):
            for a, b in zip(r[1], r[2]):
                if a != b:
                    counts[(a, b)] += 1


odw = ecspell_rows('odw')[:1200]
law, med = ecspell_rows('law'), ecspell_rows('med')
kept = [r for r in law if (r[1], r[2]) not in held['law']] + \
       [r for r in med if (r[1], r[2]) not in held['med']]
before, after = collections.Counter(), collections.Counter()
for r in odw + law + med:
    grams(r[2], before)
for r in odw + kept:
    grams(r[2], after)
lines = show('.', f'{FIRST_BUILT}:data/gongwen-ngrams.txt').splitlines()
out = []
for line in lines:
    if line.startswith('#'):
        out.append(line.replace('法律、医疗训练集的正确句子', '法律、医疗训练集除去 benches/data/dev/ 所取句子以外各句的正确一栏'))
        continue
    gram, count = line.split(' ')
    from_words = max(int(count) - before[gram], 0)  # the word list's 50 a word
    n = after[gram] if after[gram] >= 2 else 0
    if n + from_words >= 2:
        out.append(f'{gram} {n + from_words}')
open('data/gongwen-ngrams.txt', 'w').write('\n'.join(out) + '\n')

seen = collections.Counter()
slips(odw + kept, seen)
lines = show('.', f'{FIRST_BUILT}:data/observed-slips.txt').splitlines()
out = [l.replace('法律、医疗训练集；公文训练集的后 520 句留作 benches/data/odw-dev.tsv',
                 '法律、医疗训练集（除去 benches/data/dev/ 所取句子）；公文训练集的后 520 句留作 benches/data/dev/odw.tsv')
       for l in lines if l.startswith('#')]
for line in lines:
    if not line.startswith('#'):
        a, b, _ = line.split(' ')
        if seen[(a, b)]:
            out.append(f'{a} {b} {seen[(a, b)]}')
open('data/observed-slips.txt', 'w').write('\n'.join(out) + '\n')
