"""Throughput, start-up time and memory of the full article analysis (one process, one core).

    python bench/bench_analyze.py [--articles 4000]

Articles are built from sentence templates written for this benchmark: about one in five reports
an attack, the rest are ordinary news; Arabic and English alternate; about 1,000 characters each.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime

# (attack sentences, ordinary sentences) per language
AR = (
    [
        "أعلنت خلية الإعلام الأمني أن صاروخين من نوع كاتيوشا سقطا داخل قاعدة عين الأسد الجوية في محافظة الأنبار.",
        "وأضاف البيان أن الهجوم لم يسفر عن خسائر بشرية واقتصرت الأضرار على مخزن للمعدات.",
        "وكانت القاعدة قد تعرضت لهجوم مماثل منتصف الشهر الماضي بطائرة مسيرة مفخخة.",
        "انفجرت عبوة ناسفة على رتل للدعم اللوجستي على الطريق الدولي قرب الناصرية دون وقوع إصابات.",
    ],
    [
        "بحث وزير التخطيط مع وفد من البنك الدولي خطط إعادة إعمار المدارس في محافظة نينوى.",
        "وقال مسؤول محلي إن أسعار المواد الغذائية ارتفعت في أسواق البصرة خلال الأسبوع الجاري.",
        "وأكد المتحدث باسم الحكومة أن المحادثات مع الجانب الأمريكي ستستأنف الأسبوع المقبل في بغداد.",
        "وفاز المنتخب الوطني على نظيره الأردني بهدفين مقابل هدف في مباراة ودية أقيمت في أربيل.",
        "وأعلنت وزارة الكهرباء عن خطة لإضافة ألف ميغاواط إلى الشبكة الوطنية قبل حلول الصيف.",
        "وناقش مجلس المحافظة مشاريع تأهيل الطرق والجسور في الأقضية والنواحي التابعة لها.",
    ],
)
EN = (
    [
        "Two rockets struck Ain al-Asad air base in Iraq's western Anbar province, the security media cell said.",
        "The attack caused no casualties, according to a statement, and no group claimed responsibility.",
        "A similar drone attack targeted Erbil airport last month without causing damage.",
        "A roadside bomb hit a logistics convoy near Nasiriyah on Tuesday, wounding two drivers.",
    ],
    [
        "Iraq's parliament approved the federal budget after months of disputes over oil revenue.",
        "Officials in Basra said the port handled record container volumes in the third quarter.",
        "The prime minister met a delegation from the European Union to discuss electricity imports.",
        "Iraq's national team beat Jordan 2-1 in a friendly match played in Erbil on Friday.",
        "The central bank kept its main interest rate unchanged and said inflation was easing.",
        "Farmers in Diyala said water shortages had cut the wheat harvest for a second year.",
    ],
)


def make_articles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        attacks, ordinary = AR if i % 2 == 0 else EN
        # About one article in five reports an attack (and then also carries background).
        is_attack = rng.random() < 0.2
        sentences: list[str] = [rng.choice(attacks)] if is_attack else []
        pool = ordinary + attacks if is_attack else ordinary
        while sum(len(s) + 1 for s in sentences) < 1000:
            sentences.append(rng.choice(pool))
        out.append(
            {
                "id": f"b{i}",
                "title": sentences[0][:90],
                "text": " ".join(sentences[1:]),
                "published": datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
            }
        )
    return out


def startup_seconds() -> float:
    """Time for a fresh interpreter to import wirewatch and build the analyzer (median of 3)."""
    code = (
        "import time; t=time.perf_counter(); from wirewatch.core.analysis import Analyzer; "
        "a=Analyzer.create(); a.analyze(__import__('wirewatch.core.detect', fromlist=['Article'])"
        ".Article('x','t','x')); print(time.perf_counter()-t)"
    )
    runs = sorted(float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(3))
    return runs[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=4000)
    args = parser.parse_args()
    from wirewatch.core.analysis import Analyzer
    from wirewatch.core.detect import Article

    analyzer = Analyzer.create()
    articles = [
        Article(a["id"], a["title"], a["text"], published=a["published"])
        for a in make_articles(args.articles)
    ]
    chars = sum(len(a.title) + len(a.text) for a in articles) / len(articles)
    for a in articles[:50]:
        analyzer.analyze(a)  # warm caches
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    attacks = sum(1 for a in articles if analyzer.analyze(a)["attack"])
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(articles),
        "mean_chars": round(chars),
        "attack_articles": attacks,
        "articles_per_s": round(len(articles) / wall, 1),
        "cpu_articles_per_s": round(len(articles) / cpu, 1),
        "startup_s": round(startup_seconds(), 3),
        "peak_rss_mb": round(peak_mb, 1),
    }
    print(
        f"analyzed {len(articles)} articles of ~{result['mean_chars']} chars in {wall:.2f} s "
        f"({result['articles_per_s']}/s wall, {result['cpu_articles_per_s']}/s CPU); "
        f"start-up {result['startup_s']} s; peak RSS {result['peak_rss_mb']} MB"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
