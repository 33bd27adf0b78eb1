#!/usr/bin/env python3
"""Writes the broken inputs of tests/bad/: one file per kind of mistake people
make, each a small edit of one valid project (ok-baseline.yaml). Run it from
this folder, then `bash ../bad_test.sh JIXIAO .. --update` to refresh the
.expected files, and review the diff: the expected text is the contract.
"""

BASE = '''kind: project
year: 2022
rules: mof2020
project: 社区科普活动经费
department: 某市科学技术协会
funds:
  total: {initial: 50, budget: 50, executed: 48}
  reason: 采购结余 2 万元收回财政
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - name: 开展科普活动
            weight: 25
            target: "≥10场"
            actual: 11场
          - name: 受益群众
            weight: 25
            target: "≥1万人次"
            actual: 1.1万人次
  - name: 效益指标
    children:
      - name: 社会效益指标
        children:
          - name: 公众科学素质提升
            weight: 30
            target: 明显提升
            actual: 有所提升
            grade: 部分达成
            score: 20
            note: 部分活动改为线上开展
  - name: 满意度指标
    children:
      - name: 服务对象满意度指标
        children:
          - name: 参与群众满意度
            weight: 10
            target: "≥90%"
            actual: 93%
'''


def w(name, text):
    if isinstance(text, str):
        text = text.encode('utf-8')
    with open(name, 'wb') as f:
        f.write(text)


def edit(old, new, base=BASE):
    assert old in base, old
    return base.replace(old, new, 1)


HEAD = 'kind: project\nyear: 2022\nrules: mof2020\n'

w('ok-baseline.yaml', BASE)
# Encoding and bytes
w('gbk-encoded.yaml', BASE.encode('gbk'))
w('utf8-bom.yaml', '\ufeff' + BASE)                      # accepted
w('crlf-line-endings.yaml', BASE.replace('\n', '\r\n'))  # accepted
w('utf16-notepad.yaml', BASE.replace('\n', '\r\n').encode('utf-16'))  # Notepad's "Unicode"
w('binary-junk.yaml', b'PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb2\xe1' + bytes(range(256)))
w('empty.yaml', '')
w('comments-only.yaml', '# 自评表\n# 待填写\n')
# YAML syntax as typed by hand
w('tab-indentation.yaml', edit('            weight: 25\n            target: "≥10场"', '\t\t\tweight: 25\n            target: "≥10场"'))
w('fullwidth-colon.yaml', edit('project: 社区', 'project：社区'))
w('stray-quote.yaml', edit('target: "≥10场"', 'target: "≥10场'))
w('unquoted-comparator.yaml', edit('target: "≥90%"', 'target: >=90%'))
w('list-instead-of-map.yaml', '- kind: project\n- year: 2022\n')
w('merge-key.yaml', edit('funds:\n  total: {initial: 50, budget: 50, executed: 48}',
                         'row: &row {initial: 50, budget: 50, executed: 48}\nfunds:\n  total:\n    <<: *row'))
# Keys and values
w('duplicate-key.yaml', edit('            weight: 25\n', '            weight: 25\n            weight: 20\n'))
w('misspelled-key.yaml', edit('            weight: 25\n', '            wieght: 25\n'))
w('missing-weight.yaml', edit('            weight: 25\n', ''))
w('weights-not-100.yaml', edit('            weight: 25\n', '            weight: 30\n'))
w('weight-as-words.yaml', edit('weight: 25', 'weight: 二十五'))
w('target-without-number.yaml', edit('target: "≥10场"', 'target: "≥场"'))
w('percent-over-100.yaml', edit('actual: 93%', 'actual: 193%'))
w('unit-mismatch.yaml', edit('actual: 11场', 'actual: 11个'))
w('wrong-year.yaml', edit('year: 2022', 'year: 22'))
w('wrong-kind.yaml', edit('kind: project', 'kind: projcet'))
w('unknown-rules.yaml', edit('rules: mof2020', 'rules: mof2021'))
# Number magnitudes
w('huge-target.yaml', edit('target: "≥10场"', 'target: 1e308'))
w('huge-weight.yaml', edit('weight: 25\n            target: "≥1万', 'weight: 30000000000000\n            target: "≥1万',
                           edit('weight: 25', 'weight: 1e308')))
w('nan-inf-numbers.yaml', edit('executed: 48', 'executed: .inf', edit('weight: 25', 'weight: .nan')))
# Limits
bomb = HEAD + 'project: 别名炸弹\nfunds: {total: {initial: 1, budget: 1, executed: 1}}\n'
bomb += 'a: &a [x, x, x, x, x, x, x, x, x, x]\n'
prev = 'a'
for n in 'bcdefgh':
    bomb += '%s: &%s [%s]\n' % (n, n, ', '.join(['*' + prev] * 10))
    prev = n
bomb += 'indicators: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n'
w('alias-bomb.yaml', bomb)
w('alias-cycle.yaml', HEAD + 'project: 别名循环\nindicators: &x [*x]\n')
w('deep-nesting.yaml', HEAD + 'project: 嵌套\nindicators: ' + '[' * 200 + ']' * 200 + '\n')
w('long-line.yaml', edit('reason: 采购结余 2 万元收回财政', 'reason: ' + '采购结余收回财政。' * 2300))
w('long-name.yaml', edit('name: 开展科普活动', 'name: ' + '开展科普活动' * 40))
many = HEAD + 'project: 指标过多\nfunds: {total: {initial: 1, budget: 1, executed: 1}}\nindicators:\n'
many += '  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n'
for i in range(2001):
    many += '          - {name: 指标%d, weight: 0.045, target: "≥1个", actual: 1个}\n' % (i + 1)
w('too-many-indicators.yaml', many)

# Department files (kind: department): facts, formulas and cross-checks.
DEPT = '''kind: department
year: 2022
rules: mof2020
department: 某市科学技术协会
funds:
  total: {initial: 100, budget: 100, executed: 100}
facts:
  收入合计: 100
  支出合计: 100
indicators:
  - name: 产出
    children:
      - name: 预算执行
        children:
          - name: 收支平衡
            weight: 90
            formula: 支出合计 / 收入合计
            scorer: {kind: linear, target: 100%}
checks:
  - {name: 收支平衡, left: 收入合计, right: 支出合计}
'''
w('dept-ok-baseline.yaml', DEPT)
# Found by fuzzing: a check without `right` threw from yaml-cpp (InvalidNode).
w('dept-check-missing-side.yaml', edit('  - {name: 收支平衡, left: 收入合计, right: 支出合计}',
                                       '  - {name: 收支平衡, left: 收入合计}', DEPT))
# Found by fuzzing: a chart without `facts` threw from yaml-cpp (InvalidNode).
w('dept-chart-without-facts.yaml', DEPT + 'charts:\n  - {title: 收支对比, type: column}\n')
w('dept-formula-too-deep.yaml', edit('formula: 支出合计 / 收入合计',
                                     'formula: ' + '(' * 60 + '支出合计' + ')' * 60 + ' / 收入合计', DEPT))
w('dept-formula-overflow.yaml', edit('  支出合计: 100\n', '  支出合计: 100\n  大数: 1000000000\n'
                                     '  乘积: {formula: 大数 * 大数 * 大数}\n', DEPT))
chain = '  支出合计: 100\n'
for i in range(69, 0, -1):  # the deepest first, so nothing is computed before it
    chain += '  层%d: {formula: 层%d + 0}\n' % (i, i - 1)
chain += '  层0: {formula: 支出合计}\n'
w('dept-fact-chain-too-long.yaml', edit('  支出合计: 100\n', chain, DEPT))
w('dept-huge-fact.yaml', edit('  收入合计: 100', '  收入合计: 99999999999', DEPT))
