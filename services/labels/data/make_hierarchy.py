"""Build services/labels/data/hierarchy.json from WordNet 3.0 (run once; the output is committed).

ImageNet-1k classes are WordNet 3.0 noun synsets (wnid = "n" + the synset's byte offset in
data.noun), so WordNet's hypernym graph gives every class its ancestors. Most ancestors are
not useful labels ("Physical Entity", "Placental", "Instrumentality"), so only synsets that
are themselves labels become parents: the 1000 ImageNet classes, the 80 COCO classes (mapped
to synsets below) and a short list of friendly group labels (ANCHORS: "Animal", "Dog",
"Pet", "Vehicle", "Food", ...). A label's parents are all of its labelled ancestors, so the
118 ImageNet dog breeds all get "Dog", "Pet", "Mammal", "Animal".

Inputs (not committed; all from the registries reachable here):

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn     # Debian 1:3.0-37
    pip download --no-deps timm==1.0.31 && unzip timm-1.0.31-*.whl 'timm/data/_info/imagenet_synsets.txt'

    python services/labels/data/make_hierarchy.py --wordnet wn/usr/share/wordnet \
        --imagenet-synsets timm/data/_info/imagenet_synsets.txt

WordNet 3.0 licence (Princeton University, permissive, attribution): see docs/labels.md.
timm's imagenet_synsets.txt is only the list of the 1000 wnids in class-index order.
"""

from __future__ import annotations

import argparse
import json
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent / "hierarchy.json"

# WordNet lexicographer files (lexnames(5WN)) that say which category a noun belongs to,
# used when no anchor with a category is an ancestor.
LEXNAME_CATEGORY = {
    5: "Animals and Pets",  # noun.animal
    13: "Food and Beverage",  # noun.food
    17: "Nature and Outdoors",  # noun.object (natural objects: cliffs, shores, volcanoes)
    18: "Person Description",  # noun.person
    20: "Plants and Flowers",  # noun.plant
}

# COCO's 80 detector classes in the detector's output order → (WordNet 3.0 synset, label name).
COCO = [
    ("person", "n00007846", "Person"), ("bicycle", "n02834778", "Bicycle"), ("car", "n02958343", "Car"),
    ("motorcycle", "n03790512", "Motorcycle"), ("airplane", "n02691156", "Airplane"), ("bus", "n02924116", "Bus"),
    ("train", "n04468005", "Train"), ("truck", "n04490091", "Truck"), ("boat", "n02858304", "Boat"),
    ("traffic light", "n06874185", "Traffic Light"), ("fire hydrant", "n03346898", "Fire Hydrant"),
    ("stop sign", "", "Stop Sign"), ("parking meter", "n03891332", "Parking Meter"), ("bench", "n02828884", "Bench"),
    ("bird", "n01503061", "Bird"), ("cat", "n02121620", "Cat"), ("dog", "n02084071", "Dog"),
    ("horse", "n02374451", "Horse"), ("sheep", "n02411705", "Sheep"), ("cow", "n02402425", "Cow"),
    ("elephant", "n02503517", "Elephant"), ("bear", "n02131653", "Bear"), ("zebra", "n02391049", "Zebra"),
    ("giraffe", "n02439033", "Giraffe"), ("backpack", "n02769748", "Backpack"), ("umbrella", "n04507155", "Umbrella"),
    ("handbag", "n02774152", "Handbag"), ("tie", "n03815615", "Tie"), ("suitcase", "n02773838", "Suitcase"),
    ("frisbee", "n03397947", "Frisbee"), ("skis", "n04228054", "Ski"), ("snowboard", "n04251791", "Snowboard"),
    ("sports ball", "n02778669", "Ball"), ("kite", "n03621473", "Kite"), ("baseball bat", "n02799175", "Baseball Bat"),
    ("baseball glove", "n02800213", "Baseball Glove"), ("skateboard", "n04225987", "Skateboard"),
    ("surfboard", "n04363559", "Surfboard"), ("tennis racket", "n04409806", "Tennis Racket"),
    ("bottle", "n02876657", "Bottle"), ("wine glass", "n04592099", "Wine Glass"), ("cup", "n03147509", "Cup"),
    ("fork", "n03383948", "Fork"), ("knife", "n03623556", "Knife"), ("spoon", "n04284002", "Spoon"),
    ("bowl", "n02881193", "Bowl"), ("banana", "n07753592", "Banana"), ("apple", "n07739125", "Apple"),
    ("sandwich", "n07695965", "Sandwich"), ("orange", "n07747607", "Orange"), ("broccoli", "n07714990", "Broccoli"),
    ("carrot", "n07730207", "Carrot"), ("hot dog", "n07697537", "Hot Dog"), ("pizza", "n07873807", "Pizza"),
    ("donut", "n07639069", "Donut"), ("cake", "n07628870", "Cake"), ("chair", "n03001627", "Chair"),
    ("couch", "n04256520", "Couch"), ("potted plant", "n13083023", "Potted Plant"), ("bed", "n02818832", "Bed"),
    ("dining table", "n03201208", "Dining Table"), ("toilet", "n04446521", "Toilet"),
    ("tv", "n04405907", "TV"), ("laptop", "n03642806", "Laptop"), ("mouse", "n03793489", "Computer Mouse"),
    ("remote", "n04074963", "Remote Control"), ("keyboard", "n03085013", "Computer Keyboard"),
    ("cell phone", "n02992529", "Mobile Phone"), ("microwave", "n03761084", "Microwave"), ("oven", "n03862676", "Oven"),
    ("toaster", "n04442312", "Toaster"), ("sink", "n04223580", "Sink"), ("refrigerator", "n04070727", "Refrigerator"),
    ("book", "n02870092", "Book"), ("clock", "n03046257", "Clock"), ("vase", "n04522168", "Vase"),
    ("scissors", "n04148054", "Scissors"), ("teddy bear", "n04399382", "Teddy Bear"),
    ("hair drier", "n03483316", "Hair Dryer"), ("toothbrush", "n04453156", "Toothbrush"),
]  # fmt: skip
# WordNet has no stop-sign synset: it becomes a child of the signboard synset (anchor "Sign").
STOP_SIGN_PARENT = "04217882"  # signboard, sign

# Friendly group labels: (synset spec "lemma.n.NN" as in WordNet's sense numbering, label, category).
ANCHORS = [
    ("animal.n.01", "Animal", "Animals and Pets"), ("domestic_animal.n.01", "Pet", "Animals and Pets"),
    ("mammal.n.01", "Mammal", None), ("fish.n.01", "Fish", None), ("reptile.n.01", "Reptile", None),
    ("amphibian.n.03", "Amphibian", None), ("insect.n.01", "Insect", None), ("arachnid.n.01", "Arachnid", None),
    ("invertebrate.n.01", "Invertebrate", None), ("primate.n.02", "Primate", None), ("monkey.n.01", "Monkey", None),
    ("big_cat.n.01", "Big Cat", None), ("canine.n.02", "Canine", None), ("rodent.n.01", "Rodent", None),
    ("snake.n.01", "Snake", None), ("lizard.n.01", "Lizard", None), ("turtle.n.02", "Turtle", None),
    ("frog.n.01", "Frog", None), ("shark.n.01", "Shark", None), ("crustacean.n.01", "Crustacean", None),
    ("butterfly.n.01", "Butterfly", None), ("beetle.n.01", "Beetle", None), ("spider.n.01", "Spider", None),
    ("bird_of_prey.n.01", "Bird of Prey", None), ("parrot.n.01", "Parrot", None), ("wolf.n.01", "Wolf", None),
    ("fox.n.01", "Fox", None), ("vehicle.n.01", "Vehicle", "Vehicles and Automotive"),
    ("motor_vehicle.n.01", "Motor Vehicle", None), ("aircraft.n.01", "Aircraft", None),
    ("vessel.n.02", "Watercraft", None), ("food.n.01", "Food", "Food and Beverage"),
    ("food.n.02", "Food", "Food and Beverage"), ("edible_fruit.n.01", "Fruit", None),
    ("vegetable.n.01", "Vegetable", None), ("dessert.n.01", "Dessert", None), ("beverage.n.01", "Beverage", None),
    ("plant.n.02", "Plant", "Plants and Flowers"), ("flower.n.01", "Flower", None),
    ("fungus.n.01", "Fungus", "Plants and Flowers"), ("furniture.n.01", "Furniture", "Home and Indoors"),
    ("seat.n.03", "Seat", None), ("table.n.02", "Table", None),
    ("musical_instrument.n.01", "Musical Instrument", "Hobbies and Interests"),
    ("clothing.n.01", "Clothing", "Apparel and Accessories"), ("footwear.n.02", "Footwear", None),
    ("headdress.n.01", "Hat", "Apparel and Accessories"), ("tool.n.01", "Tool", "Tools and Machinery"),
    ("electronic_equipment.n.01", "Electronics", "Technology and Computing"),
    ("computer.n.01", "Computer", "Technology and Computing"),
    ("home_appliance.n.01", "Appliance", "Home and Indoors"), ("kitchen_utensil.n.01", "Kitchen Utensil", None),
    ("cutlery.n.02", "Cutlery", "Home and Indoors"), ("crockery.n.01", "Crockery", "Home and Indoors"),
    ("sports_equipment.n.01", "Sports Equipment", "Sports"), ("plaything.n.01", "Toy", "Hobbies and Interests"),
    ("weapon.n.01", "Weapon", None), ("building.n.01", "Building", "Buildings and Architecture"),
    ("structure.n.01", "Structure", "Buildings and Architecture"),
    ("geological_formation.n.01", "Landform", "Nature and Outdoors"), ("bag.n.01", "Bag", "Apparel and Accessories"),
    ("timepiece.n.01", "Timepiece", None), ("signboard.n.01", "Sign", None), ("boat.n.01", "Boat", None),
    ("car.n.01", "Car", None),
]  # fmt: skip

# WordNet files buses and trains under "public transport", not "vehicle", and people under
# noun.Tops; these few edges and categories are added by hand.
EXTRA_PARENTS = {"Bus": ["Motor Vehicle"], "Train": ["Vehicle"], "Streetcar": ["Vehicle"]}
EXTRA_CATEGORIES = {"Person": "Person Description"}


@dataclass
class Synset:
    offset: str  # 8 digits
    lexfile: int
    lemmas: list[str]
    hypernyms: list[str]


@dataclass
class Entry:
    wnids: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def read_wordnet(folder: Path) -> tuple[dict[str, Synset], dict[str, list[str]]]:
    """data.noun → synsets by offset; index.noun → lemma's synsets in sense order (wndb(5WN))."""
    synsets: dict[str, Synset] = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # licence header
        fields = line.split("|", 1)[0].split()
        count = int(fields[3], 16)
        lemmas = [fields[4 + 2 * i] for i in range(count)]
        pos = 4 + 2 * count
        pointers = int(fields[pos])
        hypernyms = [
            fields[pos + 2 + 4 * i]
            for i in range(pointers)
            if fields[pos + 1 + 4 * i] in ("@", "@i") and fields[pos + 3 + 4 * i] == "n"
        ]
        synsets[fields[0]] = Synset(fields[0], int(fields[1]), lemmas, hypernyms)
    senses: dict[str, list[str]] = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[-int(fields[2]) :]
    return synsets, senses


def resolve(spec: str, senses: dict[str, list[str]]) -> str:
    lemma, _, number = spec.rsplit(".", 2)
    return senses[lemma][int(number) - 1]


def friendly(lemma: str) -> str:
    words = lemma.replace("_", " ").split()
    return " ".join(w if w[:1].isupper() else w[:1].upper() + w[1:] for w in words)


def ancestors(offset: str, synsets: dict[str, Synset]) -> list[str]:
    """All hypernym ancestors, nearest first (breadth-first), each once."""
    seen: list[str] = []
    queue = deque(synsets[offset].hypernyms)
    while queue:
        current = queue.popleft()
        if current in seen:
            continue
        seen.append(current)
        queue.extend(synsets[current].hypernyms)
    return seen


def build(wordnet: Path, imagenet_synsets: Path) -> dict[str, object]:
    synsets, senses = read_wordnet(wordnet)
    wnids = imagenet_synsets.read_text().split()
    if len(wnids) != 1000:
        raise SystemExit(f"{imagenet_synsets}: expected 1000 wnids, found {len(wnids)}")

    names: dict[str, str] = {}  # offset → label name
    categories: dict[str, str] = {}  # offset → category (anchors only)
    for spec, name, category in ANCHORS:
        offset = resolve(spec, senses)
        names[offset] = name
        if category:
            categories[offset] = category
    for _, wnid, name in COCO:
        if wnid:
            names[wnid[1:]] = name
    taken = set(names.values())
    for wnid in wnids:
        offset = wnid[1:]
        if offset in names:
            continue
        synset = synsets[offset]
        # Near-duplicate names (two "Crane"s: bird and machine; two "Maillot"s) get the next
        # synonym, else the name of their nearest labelled or WordNet parent in brackets.
        candidates = [friendly(lemma) for lemma in synset.lemmas]
        name = next((c for c in candidates if c not in taken), "")
        if not name:
            hypernym = synsets[synset.hypernyms[0]]
            name = f"{candidates[0]} ({friendly(hypernym.lemmas[0])})"
        names[offset] = name
        taken.add(name)

    labels: dict[str, Entry] = {}

    def describe(offset: str | None, name: str, via: str | None = None) -> None:
        chain = ancestors(offset, synsets) if offset else []
        if via:
            chain = [via, *ancestors(via, synsets)]
        parents: list[str] = []
        for ancestor in chain:
            parent = names.get(ancestor)
            if parent and parent != name and parent not in parents:
                parents.append(parent)
        own = [offset] if offset else []
        category = next((categories[o] for o in own + chain if o in categories), None)
        if category is None:
            category = LEXNAME_CATEGORY.get(synsets[offset or chain[0]].lexfile)
        entry = labels.setdefault(name, Entry())
        if offset:
            entry.wnids.append("n" + offset)
            # Capitalised lemmas are Latin names ("Canis_familiaris"): not aliases.
            aliases = [friendly(lemma) for lemma in synsets[offset].lemmas if lemma[:1].islower()]
            entry.aliases = sorted({a for a in [*entry.aliases, *aliases] if a != name})
        entry.parents += [p for p in parents if p not in entry.parents]
        if category and category not in entry.categories:
            entry.categories.append(category)

    for offset, name in names.items():
        describe(offset, name)
    describe(None, "Stop Sign", via=STOP_SIGN_PARENT)

    for label, extra in EXTRA_PARENTS.items():
        if label in labels:
            labels[label].parents += extra
    for label, extra_category in EXTRA_CATEGORIES.items():
        labels[label].categories = [extra_category]

    # A parent's own parents must be among the child's parents (the closure is transitive);
    # anchors merged from two synsets ("Food") can add parents, so close it explicitly.
    for label in sorted(labels, key=lambda n: len(labels[n].parents)):
        closure: list[str] = []
        stack = list(labels[label].parents)
        while stack:
            parent = stack.pop(0)
            if parent not in closure and parent != label:
                closure.append(parent)
                stack.extend(labels[parent].parents)
        labels[label].parents = closure
        # Categories are inherited from the nearest parent that has one.
        if not labels[label].categories:
            for parent in closure:
                if labels[parent].categories:
                    labels[label].categories = list(labels[parent].categories)
                    break

    return {
        "source": "WordNet 3.0 (Debian wordnet-base 1:3.0-37) hypernyms; built by make_hierarchy.py",
        "imagenet": [names[w[1:]] for w in wnids],
        "coco": [name for _, _, name in COCO],
        "labels": {label: asdict(labels[label]) for label in sorted(labels)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, required=True, help="folder with data.noun and index.noun")
    parser.add_argument("--imagenet-synsets", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.wordnet, args.imagenet_synsets)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['labels'])} labels")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
