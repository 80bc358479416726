#!/usr/bin/env python3
"""Writes data/idioms.txt: the 成语 and 习用语 of four characters in jieba's
dictionary (github.com/fxsjy/jieba, MIT; the copy jieba-rs ships), tagged
i or l, seen at least 20 times. Low counts are left out on purpose: the
dictionary also holds common misspellings (迫不急待 3, 再接再励 3), which
the checker must not take as the set phrase.

    scripts/idioms.py PATH/TO/jieba-rs/src/data/dict.txt
"""
import sys

rows = []
for line in open(sys.argv[1], encoding='utf-8'):
    word, count, tag = line.split()
    if len(word) == 4 and tag in ('i', 'l') and int(count) >= 20 \
            and all('\u4e00' <= c <= '\u9fff' for c in word):
        rows.append(f'{word} {count}')
with open('data/idioms.txt', 'w', encoding='utf-8') as f:
    f.write('# jieba 词典（github.com/fxsjy/jieba，MIT 许可）里标为成语（i）和习用语（l）的四字格及词频，只取出现 20 次以上的；'
            '词典里也收了“迫不急待”一类常见误写（词频很低），所以低频的不取。由 scripts/idioms.py 生成。\n')
    f.write('\n'.join(rows) + '\n')
print(len(rows))
