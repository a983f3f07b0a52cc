"""Name parts for East-Java (Javanese/Madurese) style names; combined in gen_names into full names."""

MALE_PREFIX = ("MOH.", "MOCH.", "MUHAMMAD", "ABD.", "ACHMAD", "M.", "AHMAD")
MALE_CORE = (
    "WAHYUNI", "RAHMAN", "SALEH", "HASAN", "HOLIL", "HOSNAN", "BUSRI", "MARSUKI", "SUPARMAN",
    "SUNARTO", "SLAMET", "SUGENG", "SAMSUL", "FATHOR", "HUSNI", "JUMARI", "MISNADI", "SUHARTO",
    "SUTRISNO", "ROFIQ", "ARIFIN", "KHOIRUL", "SYAIFUL", "HAMDAN", "JAMALUDDIN", "ZAINAL", "MUHLIS",
    "MUKSIN", "SAHRI", "SAHLAN", "TAUFIK", "ROSYID", "SUBAIRI", "SUKARDI", "SUYITNO", "SUPRIYADI",
    "WAHYUDI", "YUSUF", "ZAINUDDIN", "BAHRI", "BAIDOWI", "FAISOL", "ILYAS", "KAMIL", "LUTFI",
    "MAHFUD", "MUNIR", "NASRULLAH", "QOMARUDDIN", "RIDWAN", "SAMSUDIN", "SUNAWI", "TOHIR", "HOLILI",
    "MATRAWI", "SAINUDDIN", "JUMAKSAN", "SUNARYO", "MISDAR", "HAIRUL", "MA'RUF", "SYAFI'I", "MU'IN",
)
MALE_SUFFIX = (
    "HIDAYAT", "EFENDI", "SANTOSO", "PRASETYO", "ROMADHONI", "FIRMANSYAH", "ALFARIZI", "MAULANA",
    "SAPUTRA", "ARDIANSYAH", "HAKIM", "FAUZI",
)

FEMALE_PREFIX = ("SITI", "NUR", "SRI", "UMI")
FEMALE_CORE = (
    "AMINAH", "HOLIFAH", "ZAINAB", "KHOTIJAH", "FATIMAH", "MUNAWAROH", "JUMAATI", "MISNATUN",
    "SUNIYATI", "SUMIATI", "SULASTRI", "SUPIYAH", "HOLISAH", "SAMSIYAH", "MARYAM", "MAISAROH",
    "MUSLIHAH", "NURHAYATI", "RUKAYAH", "SALAMAH", "SUNARSIH", "TUMINAH", "WATINI", "YULIANTI",
    "ZULAIKHA", "HABIBAH", "HOSNIYAH", "JUHAIRIYAH", "MUTMAINAH", "NAFISAH", "QOMARIYAH", "ROHMAH",
    "SAFIYAH", "SUNDARI", "HASANAH", "MUNIROH", "SUPATMI", "ASIYAH", "SUMARNI", "MARFU'AH",
    "ROBI'AH", "MU'AWANAH", "SA'ADAH",
)
FEMALE_SUFFIX = (
    "RAHMAWATI", "FITRIANI", "AGUSTINA", "SAFITRI", "NOVITASARI", "WULANDARI", "KHOIRUNNISA",
    "AULIA", "PUTRI", "LESTARI",
)

# Words used to name organisations (LKS, Karang Taruna, Puskesos) in the PSKS register.
LKS_WORDS = (
    "Bina Sejahtera", "Al-Hikmah", "Nurul Huda", "Darul Ulum", "Mitra Sejahtera", "Harapan Bangsa",
    "Bakti Mulia", "Kasih Ibu", "Permata Hati", "Cahaya Umat", "Al-Amin", "Miftahul Ulum",
)
KARANG_TARUNA_WORDS = (
    "Tunas Harapan", "Bina Remaja", "Mekar Sari", "Putra Bangsa", "Jaya Makmur", "Karya Muda", "Bhakti",
)
PUSKESOS_WORDS = ("Sejahtera", "Mandiri", "Peduli", "Bersatu", "Amanah")
