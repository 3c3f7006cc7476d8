/// `/proc` texts from real machine shapes (trimmed to the fields the parsers read, plus neighbours).
enum ProcFixtures {
    /// Two sockets × two cores × two threads (8 logical CPUs, 4 physical cores).
    static let cpuinfoTwoSockets: String = {
        var text = ""
        var processor = 0
        for socket in 0..<2 {
            for core in 0..<2 {
                for _ in 0..<2 {
                    text += """
                        processor\t: \(processor)
                        vendor_id\t: GenuineIntel
                        cpu family\t: 6
                        model\t\t: 143
                        model name\t: Intel(R) Xeon(R) Platinum 8480+
                        stepping\t: 8
                        cpu MHz\t\t: \(processor % 2 == 0 ? "2000.000" : "3800.000")
                        cache size\t: 107520 KB
                        physical id\t: \(socket)
                        siblings\t: 4
                        core id\t\t: \(core)
                        cpu cores\t: 2
                        flags\t\t: fpu vme de pse tsc msr pae mce

                        """
                    text += "\n"
                    processor += 1
                }
            }
        }
        return text
    }()

    /// A cloud VM that hides topology (no `physical id` / `core id`).
    static let cpuinfoNoTopology = """
        processor\t: 0
        model name\t: AMD EPYC 9B45
        cpu MHz\t\t: 2600.000

        processor\t: 1
        model name\t: AMD EPYC 9B45
        cpu MHz\t\t: 2600.000

        """

    static let meminfo = """
        MemTotal:       24609680 kB
        MemFree:        10131744 kB
        MemAvailable:   20441232 kB
        Buffers:          528456 kB
        Cached:          9532384 kB
        SwapCached:            0 kB
        SwapTotal:       2097148 kB
        SwapFree:        1572860 kB
        HugePages_Total:       0

        """

    /// The Python reference miner's fixed Specs answer (`interop/peer_axon.py`), in the original shape.
    static let pythonPeerSpecs = """
        {"cpu": {"count": 16, "frequency": 3100.0}, "gpu": {"count": 1, "capacity": 81559, "details": [{"name": "NVIDIA H100 80GB HBM3", "capacity": 81559}], "graphics_speed": 1980, "memory_speed": 2619}, "hard_disk": {"total": 1000204886016, "free": 812345675776, "used": 187859210240, "write_speed": 1650.25, "read_speed": 3020.71}, "ram": {"total": 135089913856, "available": 128849018880, "used": 5168709632, "free": 127481651200, "swap_total": 0, "swap_used": 0, "swap_free": 0, "read_speed": 12034.5, "write_speed": 8512.3}, "has_docker": true}
        """
}
