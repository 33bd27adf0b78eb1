#!/usr/bin/env python3
"""Generates realistic project self-evaluation files (项目支出绩效自评) for the
batch benchmark and the soak run.

    generate.py N OUTDIR [--seed S] [--broken FRACTION] [--year Y] [--departments D]

Writes OUTDIR/<主管部门>/<编号>.yaml: about 25 indicators each (3 一级, 7-8 二级,
about 15 三级 rows; 2-3 KB), the
target and actual strings officers write (≥95%, ≤50万元, 2022年12月底前,
90%-100%, qualitative results with a grade, …), declared row and total
scores (some inflated: full marks despite a shortfall), itemised spending that
sometimes does not add up, and a share of broken files of varied kinds
(syntax errors, missing weights, weights not adding up, misspelled keys, GBK
bytes, wrong types, unknown rule sets). Deterministic for a given seed.
Prints a manifest line per broken file to OUTDIR/broken.txt.
"""
import argparse
import os
import random

SECOND = {
    "产出指标": (50, ["数量指标", "质量指标", "时效指标", "成本指标"]),
    "效益指标": (30, ["社会效益指标", "经济效益指标", "可持续影响指标"]),
    "满意度指标": (10, ["服务对象满意度指标"]),
}
THINGS = ["培训", "走访", "宣传活动", "科普讲座", "检查", "维修", "采购设备", "巡查", "义诊", "调研",
          "技术服务", "项目验收", "资料印制", "会议", "宣讲", "监测点位", "平台运维", "课程"]
UNITS = ["人次", "场", "个", "家", "次", "份", "台", "公里", "平方米", "户"]
DEPTS = ["科学技术协会", "教育局", "卫生健康委员会", "农业农村局", "交通运输局", "文化广电旅游局", "民政局",
         "生态环境局", "住房和城乡建设局", "水务局", "林业和草原局", "市场监督管理局", "人力资源和社会保障局",
         "应急管理局", "自然资源和规划局", "商务局", "司法局", "退役军人事务局", "体育局", "医疗保障局"]
CITIES = ["攀枝花市", "东区", "西区", "仁和区", "米易县", "盐边县"]
QUAL = [("社会效益明显提升", "达成"), ("群众获得感增强", "达成"), ("服务能力有所提高", "部分达成"),
        ("长效机制基本建立", "部分达成"), ("宣传效果较好", "达成")]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reach(rng):
    """The actual as a share of the target: most indicators are met (as in
    published tables), a fifth fall short by up to 20 %, a few exceed by 20 %+."""
    r = rng.random()
    if r < 0.2:
        return rng.uniform(0.8, 0.999)
    if r < 0.9:
        return rng.uniform(1.0, 1.15)
    return rng.uniform(1.2, 1.5)


def leaf(rng, second, i):
    """One indicator: (name, target, actual, extra) with the actual near the target."""
    thing = rng.choice(THINGS)
    if second == "时效指标":
        month = rng.randint(6, 12)
        target = f"2022年{month}月底前"
        late = rng.random() < 0.08
        actual = "未按时完成" if late else rng.choice(["按时完成", f"2022年{month}月{rng.randint(1, 28)}日", "提前完成"])
        return f"{thing}完成时间", target, actual, ""
    if second == "成本指标":
        cap = rng.randint(5, 200)
        spent = round(cap * (rng.uniform(0.85, 1.0) if rng.random() < 0.85 else rng.uniform(1.0, 1.1)), 2)
        return f"{thing}成本", f"≤{cap}万元", f"{spent}万元", ""
    if second == "质量指标":
        if rng.random() < 0.5:
            t = rng.choice([90, 95, 98, 100])
            a = min(100, round(t * reach(rng), 1))
            return f"{thing}合格率", f"≥{t}%", f"{a}%", ""
        return f"{thing}达标率", "90%-100%", f"{round(rng.uniform(85, 100) if rng.random() < 0.2 else rng.uniform(90, 100), 1)}%", ""
    if second in ("社会效益指标", "经济效益指标", "可持续影响指标"):
        if rng.random() < 0.5:
            text, grade = rng.choice(QUAL)
            return f"{thing}{text[:2]}", text, text if rng.random() < 0.3 else "基本" + text, f", grade: {grade}"
        t = rng.randint(10, 5000)
        u = rng.choice(UNITS)
        return f"受益{u}", f"≥{t}{u}", f"{int(t * reach(rng))}{u}", ""
    if second == "服务对象满意度指标":
        t = rng.choice([85, 90, 95])
        return "服务对象满意度", f"≥{t}%", f"{round(min(100, t * reach(rng)), 1)}%", ""
    t = rng.randint(3, 3000)
    u = rng.choice(UNITS)
    a = int(t * reach(rng))
    target = rng.choice([f"≥{t}{u}", f"{t}{u}", f"不少于{t}{u}"])
    return f"{thing}数量{i}", target, f"{a}{u}", ""


def split(total, parts, rng):
    """`parts` positive integers summing to `total`."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0] + cuts + [total]
    return [bounds[k + 1] - bounds[k] for k in range(parts)]


def project(rng, year, dept, idx):
    budget = round(rng.uniform(5, 800), 2)
    declared_total = f"declared_score: {round(rng.uniform(85, 100), 2)}" if rng.random() < 0.6 else ""
    executed = round(budget * min(1.0, rng.uniform(0.7, 1.02)), 2)
    lines = [
        "kind: project",
        f"year: {year}",
        "rules: mof2020",
        f"project: {q(rng.choice(THINGS) + '专项经费' + str(idx))}",
        f"department: {q(dept)}",
        f"unit: {q(dept + '机关')}",
        declared_total,
        "funds:",
        f"  total: {{initial: {budget}, budget: {budget}, executed: {executed}}}",
        f"  appropriation: {{initial: {budget}, budget: {budget}, executed: {executed}}}",
        "  reason: \"\"" if executed >= budget * 0.9 else "  reason: \"部分采购延期至次年\"",
    ]
    if rng.random() < 0.3:
        a = round(executed * 0.6, 2)
        b = round(executed - a + (0.05 if rng.random() < 0.3 else 0), 2)
        lines += ["  items:", f"    - {{name: 劳务费, amount: {a}}}", f"    - {{name: 印刷费, amount: {b}}}"]
    lines += ["goals:", f"  expected: {q('完成年度' + rng.choice(THINGS) + '任务，服务对象满意度达90%以上')}",
              f"  achieved: {q('基本完成年度目标任务')}", "indicators:"]
    count = 0
    for first, (w, seconds) in SECOND.items():
        lines += [f"  - name: {first}", f"    weight: {w}", "    children:"]
        n_leaves = {"产出指标": 8, "效益指标": 5, "满意度指标": 2}[first] + rng.randint(-1, 1)
        per_second = split(n_leaves, len(seconds), rng) if n_leaves >= len(seconds) else [1] * len(seconds)
        weights = split(w, sum(per_second), rng)
        k = 0
        for second, n in zip(seconds, per_second):
            lines += [f"      - name: {second}", "        children:"]
            for _ in range(n):
                count += 1
                name, target, actual, extra = leaf(rng, second, count)
                lw = weights[k]
                k += 1
                # Most officers declare nothing per row; some declare full marks (inflated when short).
                declared = f", declared_score: {lw}" if rng.random() < 0.1 else ""
                # Most shortfalls come with a reason; some do not.
                note = f", note: {q('部分工作延期')}" if rng.random() < 0.5 else ""
                lines.append(f"          - {{name: {q(name)}, weight: {lw}, target: {q(target)}, "
                             f"actual: {q(actual)}{extra}{declared}{note}}}")
    return "\n".join(lines) + "\n"


def break_file(rng, text):
    kind = rng.choice(["syntax", "missing-weight", "weight-sum", "typo", "gbk", "type", "rules", "tab", "empty"])
    if kind == "syntax":
        return kind, text.replace("indicators:", "indicators: [", 1).encode()
    if kind == "missing-weight":
        return kind, text.replace(", weight: ", ", ", 1).encode()
    if kind == "weight-sum":
        return kind, text.replace("weight: 50", "weight: 55", 1).encode()
    if kind == "typo":
        return kind, text.replace("  - name: 效益指标\n    weight:", "  - name: 效益指标\n    wieght:", 1).encode()
    if kind == "gbk":
        return kind, text.encode("gbk", errors="replace")
    if kind == "type":
        return kind, text.replace("year: ", "year: 二〇", 1).encode()
    if kind == "rules":
        return kind, text.replace("rules: mof2020", "rules: mof2002", 1).encode()
    if kind == "tab":
        return kind, text.replace("\n    weight: 30", "\n\tweight: 30", 1).encode()
    return kind, b""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--broken", type=float, default=0.02)
    ap.add_argument("--year", type=int, default=2022)
    ap.add_argument("--departments", type=int, default=0, help="default: n / 20, at least 5")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    n_dept = a.departments or max(5, a.n // 20)
    depts = [f"{CITIES[i % len(CITIES)]}{DEPTS[i % len(DEPTS)]}" + (str(i // len(DEPTS)) if i >= len(DEPTS) else "")
             for i in range(n_dept)]
    os.makedirs(a.out, exist_ok=True)
    broken = []
    for i in range(a.n):
        d = i % n_dept
        folder = os.path.join(a.out, f"d{d:04d}")
        if i < n_dept:
            os.makedirs(folder, exist_ok=True)
        text = project(rng, a.year, depts[d], i)
        path = os.path.join(folder, f"p{i:06d}.yaml")
        if rng.random() < a.broken:
            kind, data = break_file(rng, text)
            broken.append(f"{path}\t{kind}")
        else:
            data = text.encode()
        with open(path, "wb") as f:
            f.write(data)
    with open(os.path.join(a.out, "broken.txt"), "w") as f:
        f.write("\n".join(broken) + ("\n" if broken else ""))


if __name__ == "__main__":
    main()
