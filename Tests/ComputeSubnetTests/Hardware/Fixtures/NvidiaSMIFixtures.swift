/// Outputs of `nvidia-smi --query-gpu=name,memory.total,clocks.max.graphics,clocks.max.memory,uuid,driver_version
/// --format=csv,noheader,nounits`, as the tool prints them on these cards (UUIDs replaced).
enum NvidiaSMIFixtures {
    /// One H100 SXM5 80 GB (driver 535).
    static let h100 = """
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-5f3c2a1e-8b7d-4c6e-9a0f-1d2e3f4a5b6c, 535.129.03

        """

    /// One GeForce RTX 4090 (driver 550).
    static let rtx4090 = """
        NVIDIA GeForce RTX 4090, 24564, 3120, 10501, GPU-0a1b2c3d-4e5f-6789-abcd-ef0123456789, 550.54.14

        """

    /// An 8-GPU HGX H100 node.
    static let h100x8 = """
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000000, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000001, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000002, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000003, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000004, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000005, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000006, 550.90.07
        NVIDIA H100 80GB HBM3, 81559, 1980, 2619, GPU-11111111-2222-3333-4444-000000000007, 550.90.07

        """

    /// A mixed workstation: an RTX 4090 and an RTX A6000.
    static let mixed = """
        NVIDIA GeForce RTX 4090, 24564, 3120, 10501, GPU-aaaaaaaa-bbbb-cccc-dddd-000000000001, 545.29.06
        NVIDIA RTX A6000, 49140, 2100, 8001, GPU-aaaaaaaa-bbbb-cccc-dddd-000000000002, 545.29.06

        """

    /// A vGPU guest, where the maximum clocks are not exposed.
    static let virtualA100 = """
        GRID A100D-40C, 40960, [N/A], [N/A], GPU-cccccccc-dddd-eeee-ffff-000000000001, 535.104.05

        """

    /// What the tool prints when the driver is not loaded (exit status 9, on stdout).
    static let driverNotLoaded = """
        NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.

        """
}
