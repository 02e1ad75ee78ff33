import ActLabCLI

ActLab.main()
