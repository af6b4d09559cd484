// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "npybrowse",
    products: [
        .executable(name: "npybrowse", targets: ["npybrowse"]),
        .library(name: "NPYFormat", targets: ["NPYFormat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CGuard", path: "Sources/CGuard"),
        .target(name: "NPYFormat", dependencies: ["CZlib", "CGuard"]),
        .target(name: "NPYBrowseUI", dependencies: ["NPYFormat"]),
        .target(name: "NPYBrowseTerminal", dependencies: ["NPYBrowseUI", "CNcurses", "CGuard"]),
        .executableTarget(
            name: "npybrowse",
            dependencies: [
                "NPYFormat", "NPYBrowseUI", "NPYBrowseTerminal", "CGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NPYFormatTests", dependencies: ["NPYFormat"]),
        .testTarget(name: "NPYBrowseUITests", dependencies: ["NPYBrowseUI", "NPYFormat"]),
        .testTarget(name: "CLITests", dependencies: ["npybrowse"]),
    ],
    swiftLanguageModes: [.v6]
)
