"""Past one machine: the warehouse as Hive-partitioned Parquet, and its SQL for Trino and Spark (docs/SCALE.md)."""
